//! Recurring schedules: days of the week, daily hours and excepted dates, read on the wall clock of a
//! named time zone whose daylight-saving rule is kept as a POSIX TZ rule (`EST5EDT,M3.2.0,M11.1.0`).
//!
//! A schedule is open while the local wall-clock time is inside one of its windows: so a window
//! from 20:00 opens at 20:00 local in winter and in summer, an hour apart in UTC; a window edge in
//! a spring-forward gap falls at the change; in a fall-back's repeated hour a window holding it is
//! open through both passes.

use std::sync::Arc;

use crate::time::{civil_from_days, days_from_civil, days_in_month, Millis};

const DAY_MS: i64 = 86_400_000;
const MINUTE_MS: i64 = 60_000;

/// A time zone: a standard offset and, optionally, daylight-saving time with its yearly changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone {
    /// As the config names it (`Asia/Shanghai`, or the rule itself).
    pub name: Arc<str>,
    /// Seconds east of UTC in standard time.
    std_offset: i64,
    /// Daylight-saving time, when the zone has it.
    dst: Option<Dst>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Dst {
    /// Seconds east of UTC in daylight-saving time.
    offset: i64,
    /// When it starts (in standard local time) and ends (in daylight-saving local time).
    start: Change,
    end: Change,
}

/// A yearly change `Mm.w.d/time`: the `week`th (5: the last) `weekday` (0: Sunday) of `month`, at
/// `time` seconds after that day's local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    month: i64,
    week: i64,
    weekday: i64,
    time: i64,
}

/// The zones known by name, with their current rules (a schedule is about the times to come).
pub const ZONES: &[(&str, &str)] = &[
    ("UTC", "UTC0"),
    ("Etc/UTC", "UTC0"),
    ("Asia/Shanghai", "CST-8"),
    ("Asia/Hong_Kong", "HKT-8"),
    ("Asia/Taipei", "CST-8"),
    ("Asia/Singapore", "<+08>-8"),
    ("Asia/Kuala_Lumpur", "<+08>-8"),
    ("Asia/Manila", "PST-8"),
    ("Asia/Tokyo", "JST-9"),
    ("Asia/Seoul", "KST-9"),
    ("Asia/Bangkok", "<+07>-7"),
    ("Asia/Jakarta", "WIB-7"),
    ("Asia/Ho_Chi_Minh", "<+07>-7"),
    ("Asia/Kolkata", "IST-5:30"),
    ("Asia/Dubai", "<+04>-4"),
    ("Asia/Riyadh", "<+03>-3"),
    ("Europe/London", "GMT0BST,M3.5.0/1,M10.5.0"),
    ("Europe/Dublin", "IST-1GMT0,M10.5.0,M3.5.0/1"),
    ("Europe/Lisbon", "WET0WEST,M3.5.0/1,M10.5.0"),
    ("Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Madrid", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Rome", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Amsterdam", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Stockholm", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Warsaw", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Athens", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Europe/Istanbul", "<+03>-3"),
    ("Europe/Moscow", "MSK-3"),
    ("America/New_York", "EST5EDT,M3.2.0,M11.1.0"),
    ("America/Toronto", "EST5EDT,M3.2.0,M11.1.0"),
    ("America/Chicago", "CST6CDT,M3.2.0,M11.1.0"),
    ("America/Denver", "MST7MDT,M3.2.0,M11.1.0"),
    ("America/Phoenix", "MST7"),
    ("America/Los_Angeles", "PST8PDT,M3.2.0,M11.1.0"),
    ("America/Vancouver", "PST8PDT,M3.2.0,M11.1.0"),
    ("America/Anchorage", "AKST9AKDT,M3.2.0,M11.1.0"),
    ("Pacific/Honolulu", "HST10"),
    ("America/Mexico_City", "CST6"),
    ("America/Bogota", "<-05>5"),
    ("America/Lima", "<-05>5"),
    ("America/Sao_Paulo", "<-03>3"),
    ("America/Argentina/Buenos_Aires", "<-03>3"),
    ("America/Santiago", "<-04>4<-03>,M9.1.6/24,M4.1.6/24"),
    ("Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3"),
    ("Australia/Melbourne", "AEST-10AEDT,M10.1.0,M4.1.0/3"),
    ("Australia/Brisbane", "AEST-10"),
    ("Australia/Perth", "AWST-8"),
    ("Pacific/Auckland", "NZST-12NZDT,M9.5.0,M4.1.0/3"),
    ("Africa/Johannesburg", "SAST-2"),
    ("Africa/Lagos", "WAT-1"),
    ("Africa/Cairo", "EET-2EEST,M4.5.5/0,M10.5.4/24"),
];

impl TimeZone {
    /// The zone `name`: one of [`ZONES`], or a POSIX TZ rule with `M` changes.
    pub fn named(name: &str) -> Result<TimeZone, String> {
        let rule = ZONES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(name, |(_, rule)| rule);
        let parsed = if rule.contains('/') && !rule.contains(',') {
            Err("not in nexttier's table of zones".to_owned())
        } else {
            TimeZone::from_rule(name, rule)
        };
        parsed.map_err(|detail| {
            format!(
                "`{name}` is not a known time zone ({detail}): name one such as Asia/Shanghai, Europe/Berlin or America/New_York, or give a POSIX TZ rule such as EST5EDT,M3.2.0,M11.1.0"
            )
        })
    }

    /// The zone of a POSIX TZ rule, named `name`.
    pub(crate) fn from_rule(name: &str, rule: &str) -> Result<TimeZone, String> {
        let mut p = Rule {
            text: rule.as_bytes(),
            at: 0,
        };
        p.zone_name()?;
        let std_offset = -p.offset()?;
        let dst = if p.at < p.text.len() {
            p.zone_name()?;
            let offset = if p.peek().is_some_and(|c| c != b',') {
                -p.offset()?
            } else {
                std_offset + 3_600
            };
            p.expect(b',')?;
            let start = p.change()?;
            p.expect(b',')?;
            let end = p.change()?;
            Some(Dst { offset, start, end })
        } else {
            None
        };
        if p.at != p.text.len() {
            return Err("unexpected text after the rule".into());
        }
        Ok(TimeZone {
            name: Arc::from(name),
            std_offset,
            dst,
        })
    }

    /// The zone as numbers, for the compiled form: `[standard offset, daylight offset, start
    /// change, end change]` in seconds (a change as month, week, weekday, time); only the first
    /// without daylight saving.
    pub(crate) fn to_numbers(&self) -> Vec<i64> {
        let mut out = vec![self.std_offset];
        if let Some(dst) = &self.dst {
            out.push(dst.offset);
            for c in [dst.start, dst.end] {
                out.extend([c.month, c.week, c.weekday, c.time]);
            }
        }
        out
    }

    /// The zone of [`TimeZone::to_numbers`]' output, or `None` when out of range.
    pub(crate) fn from_numbers(name: &str, n: &[i64]) -> Option<TimeZone> {
        let offset = |s: i64| (-86_400..=86_400).contains(&s);
        let change = |c: &[i64]| {
            let [month, week, weekday, time] = *c else {
                return None;
            };
            ((1..=12).contains(&month)
                && (1..=5).contains(&week)
                && (0..=6).contains(&weekday)
                && (-604_800..=604_800).contains(&time))
            .then_some(Change {
                month,
                week,
                weekday,
                time,
            })
        };
        let dst = match n {
            [std] if offset(*std) => None,
            [std, dst, rest @ ..] if offset(*std) && offset(*dst) && rest.len() == 8 => Some(Dst {
                offset: *dst,
                start: change(&rest[..4])?,
                end: change(&rest[4..])?,
            }),
            _ => return None,
        };
        Some(TimeZone {
            name: Arc::from(name),
            std_offset: n[0],
            dst,
        })
    }

    /// The offset from UTC at `time`, in milliseconds.
    #[inline(never)]
    pub fn offset_at(&self, time: Millis) -> i64 {
        let Some(dst) = &self.dst else {
            return self.std_offset * 1_000;
        };
        let (year, _, _) = civil_from_days((time + self.std_offset * 1_000).div_euclid(DAY_MS));
        let start = dst.start.at(year, self.std_offset);
        let end = dst.end.at(year, dst.offset);
        let summer = if start < end {
            time >= start && time < end
        } else {
            time >= start || time < end
        };
        if summer {
            dst.offset * 1_000
        } else {
            self.std_offset * 1_000
        }
    }

    /// The local wall-clock time at `time`, as milliseconds since 1970-01-01 local.
    pub fn local(&self, time: Millis) -> i64 {
        time.saturating_add(self.offset_at(time))
    }

    /// The first instant at or after which the wall clock reads `local` or later, looking from
    /// `after` on (the clock never reads a time in a spring-forward gap: then the change itself).
    #[inline(never)]
    fn first_reading(&self, local: i64, after: Millis) -> Millis {
        let offsets = [
            self.std_offset * 1_000,
            self.dst.as_ref().map_or(self.std_offset, |d| d.offset) * 1_000,
        ];
        let mut candidates: Vec<Millis> = offsets
            .iter()
            .map(|o| local - o)
            .filter(|&t| t >= after && self.local(t) == local)
            .collect();
        if candidates.is_empty() {
            // A gap: the clock jumps over `local` at a change, between the two readings.
            let (a, b) = (local - offsets[0], local - offsets[1]);
            let (mut low, mut high) = (a.min(b).max(after), a.max(b));
            // The change is where the reading first reaches `local`: bisect to the millisecond.
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                if self.local(middle) >= local {
                    high = middle;
                } else {
                    low = middle;
                }
            }
            candidates.push(if self.local(low) >= local { low } else { high });
        }
        candidates.into_iter().min().unwrap_or(after)
    }
}

impl Change {
    /// The instant of this change in `year`, its time read at `offset` seconds east of UTC.
    fn at(&self, year: i64, offset: i64) -> Millis {
        let first = days_from_civil(year, self.month, 1);
        let weekday_first = (first + 4).rem_euclid(7);
        let mut day = 1 + (self.weekday - weekday_first).rem_euclid(7) + (self.week - 1) * 7;
        while day > days_in_month(year, self.month) {
            day -= 7;
        }
        ((days_from_civil(year, self.month, day)) * 86_400 + self.time - offset) * 1_000
    }
}

/// A POSIX TZ rule being read.
struct Rule<'a> {
    text: &'a [u8],
    at: usize,
}

impl Rule<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn expect(&mut self, c: u8) -> Result<(), String> {
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("expected `{}` at character {}", c as char, self.at + 1))
        }
    }

    /// `CST` (3 or more letters) or `<+08>`.
    fn zone_name(&mut self) -> Result<(), String> {
        if self.peek() == Some(b'<') {
            let close = self.text[self.at..]
                .iter()
                .position(|&c| c == b'>')
                .ok_or("an unclosed `<`")?;
            self.at += close + 1;
            return Ok(());
        }
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.at += 1;
        }
        if self.at - start < 3 {
            return Err("a zone abbreviation has at least 3 letters".into());
        }
        Ok(())
    }

    fn number(&mut self, most: i64) -> Result<i64, String> {
        let start = self.at;
        let mut n: i64 = 0;
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            n = n * 10 + i64::from(c - b'0');
            self.at += 1;
            if self.at - start > 3 || n > most {
                return Err(format!("a number above {most}"));
            }
        }
        if self.at == start {
            return Err(format!("expected a number at character {}", self.at + 1));
        }
        Ok(n)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, as POSIX writes it (west of UTC positive).
    fn offset(&mut self) -> Result<i64, String> {
        let sign = match self.peek() {
            Some(b'-') => {
                self.at += 1;
                -1
            }
            Some(b'+') => {
                self.at += 1;
                1
            }
            _ => 1,
        };
        Ok(sign * self.clock(24)?)
    }

    /// `hh[:mm[:ss]]` in seconds, hours at most `most`.
    fn clock(&mut self, most: i64) -> Result<i64, String> {
        let mut seconds = self.number(most)? * 3_600;
        for scale in [60, 1] {
            if self.peek() != Some(b':') {
                break;
            }
            self.at += 1;
            seconds += self.number(59)? * scale;
        }
        Ok(seconds)
    }

    /// `Mm.w.d[/time]`.
    fn change(&mut self) -> Result<Change, String> {
        self.expect(b'M')
            .map_err(|_| "only changes written Mm.w.d are supported".to_owned())?;
        let month = self.number(12)?;
        self.expect(b'.')?;
        let week = self.number(5)?;
        self.expect(b'.')?;
        let weekday = self.number(6)?;
        if month == 0 || week == 0 {
            return Err("a month and a week count from 1".into());
        }
        let time = if self.peek() == Some(b'/') {
            self.at += 1;
            let sign = if self.peek() == Some(b'-') {
                self.at += 1;
                -1
            } else {
                1
            };
            sign * self.clock(167)?
        } else {
            7_200
        };
        Ok(Change {
            month,
            week,
            weekday,
            time,
        })
    }
}

/// The days of the week, Monday first, as a schedule's `days` names them.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A recurring schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Whose wall clock it reads.
    pub zone: TimeZone,
    /// The days it is open (bit 0: Monday … bit 6: Sunday); for hours past midnight, the day the
    /// window starts.
    pub days: u8,
    /// Daily hours `(from, until)` in minutes after local midnight (`until` 1440 is midnight; below
    /// `from`, the window runs past midnight); `None`: all day.
    pub hours: Option<(u32, u32)>,
    /// Local dates it is closed, as days since 1970-01-01, ascending (for hours past midnight, the
    /// date the window starts).
    pub except: Vec<i64>,
}

/// The most excepted dates a schedule may list.
pub const MAX_EXCEPT: usize = 366;

impl Schedule {
    /// Every day of the week.
    pub const EVERY_DAY: u8 = 0b111_1111;

    /// Whether windows may start on local day `day` (days since 1970-01-01).
    fn starts_on(&self, day: i64) -> bool {
        let weekday = (day + 3).rem_euclid(7);
        self.days & (1 << weekday) != 0 && self.except.binary_search(&day).is_err()
    }

    /// The schedule in words, for messages: "sat, sun 20:00–22:00 Asia/Shanghai, except 2 dates".
    pub fn describe(&self) -> String {
        let mut out = String::new();
        if self.days != Schedule::EVERY_DAY {
            let days: Vec<&str> = (0..7)
                .filter(|b| self.days & (1 << b) != 0)
                .map(|b| WEEKDAYS[b])
                .collect();
            out.push_str(&days.join(", "));
            out.push(' ');
        }
        match self.hours {
            Some((from, until)) => out.push_str(&format!(
                "{:02}:{:02}–{:02}:{:02} ",
                from / 60,
                from % 60,
                until / 60,
                until % 60
            )),
            None if self.days == Schedule::EVERY_DAY => out.push_str("every day "),
            None => {}
        }
        out.push_str(&self.zone.name);
        match self.except.len() {
            0 => {}
            1 => out.push_str(", except 1 date"),
            n => out.push_str(&format!(", except {n} dates")),
        }
        out
    }

    /// Whether the schedule is open at `time`.
    pub fn contains(&self, time: Millis) -> bool {
        self.open_until(time).is_some()
    }

    /// Whether it is open at `time`, and until what local time (milliseconds since 1970-01-01
    /// local) the window it is in lasts (`None`: not within a year); `None` when closed.
    #[inline(never)]
    fn open_until(&self, time: Millis) -> Option<Option<i64>> {
        let local = self.zone.local(time);
        let (day, of_day) = (local.div_euclid(DAY_MS), local.rem_euclid(DAY_MS));
        match self.hours {
            None => {
                if !self.starts_on(day) {
                    return None;
                }
                // Open through the run of open days (a week at most, or a year with exceptions only).
                let mut end = day + 1;
                while self.starts_on(end) {
                    if end - day > MAX_EXCEPT as i64 + 7 {
                        return Some(None);
                    }
                    end += 1;
                }
                Some(Some(end * DAY_MS))
            }
            Some((from, until)) => {
                let (from, until) = (i64::from(from) * MINUTE_MS, i64::from(until) * MINUTE_MS);
                let end = if from < until {
                    (self.starts_on(day) && from <= of_day && of_day < until).then_some(day * DAY_MS + until)
                } else if of_day >= from && self.starts_on(day) {
                    Some((day + 1) * DAY_MS + until)
                } else if of_day < until && self.starts_on(day - 1) {
                    Some(day * DAY_MS + until)
                } else {
                    None
                };
                end.map(Some)
            }
        }
    }

    /// When the window open at `time` closes (the first instant outside it); `None` when the
    /// schedule is closed at `time`, or open for more than a year on.
    pub fn window_end(&self, time: Millis) -> Option<Millis> {
        let end_local = self.open_until(time)??;
        Some(self.zone.first_reading(end_local, time))
    }
}

/// `HH:MM` as minutes after midnight, at most `most` (1440 for "24:00").
fn clock_minutes(text: &str, most: u32) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && h * 60 + m <= most).then_some(h * 60 + m)
}

/// `YYYY-MM-DD` as days since 1970-01-01.
fn date_days(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = &text[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then(|| days_from_civil(y, m, d))
}

impl Schedule {
    /// Validates a schedule written at `path`, recording every error.
    pub(crate) fn from_doc(
        doc: &super::document::ScheduleDoc,
        path: &crate::error::JsonPath,
        errors: &mut Vec<crate::error::Error>,
    ) -> Option<Schedule> {
        use crate::error::Error;
        let before = errors.len();
        let zone = TimeZone::named(&doc.time_zone)
            .map_err(|detail| errors.push(Error::invalid(&path.key("time_zone"), detail)))
            .ok();
        let mut days = 0u8;
        if let Some(names) = &doc.days {
            if names.is_empty() {
                errors.push(Error::invalid(
                    &path.key("days"),
                    "days must name at least one day (leave the key out for every day)",
                ));
            }
            for (i, name) in names.iter().enumerate() {
                match WEEKDAYS.iter().position(|d| d == name) {
                    Some(bit) if days & (1 << bit) != 0 => {
                        errors.push(Error::invalid(&path.key("days").index(i), format!("`{name}` is listed twice")))
                    }
                    Some(bit) => days |= 1 << bit,
                    None => errors.push(Error::invalid(
                        &path.key("days").index(i),
                        format!("`{name}` is not a day: expected \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" or \"sun\""),
                    )),
                }
            }
        } else {
            days = Schedule::EVERY_DAY;
        }
        let clock = |key: &str, text: &Option<String>, most: u32, errors: &mut Vec<Error>| {
            let text = text.as_ref()?;
            let minutes = clock_minutes(text, most);
            if minutes.is_none() {
                errors.push(Error::invalid(
                    &path.key(key),
                    format!(
                        "`{text}` is not a time of day \"HH:MM\" (00:00 to {})",
                        if most == 1440 { "24:00" } else { "23:59" }
                    ),
                ));
            }
            minutes
        };
        let from = clock("from", &doc.from, 1439, errors);
        let until = clock("until", &doc.until, 1440, errors);
        let hours = match (&doc.from, &doc.until) {
            (None, None) => None,
            (Some(_), None) | (None, Some(_)) => {
                let missing = if doc.from.is_none() { "from" } else { "until" };
                errors.push(Error::MissingKey {
                    path: path.clone(),
                    key: missing.into(),
                });
                None
            }
            _ => match (from, until) {
                (Some(f), Some(u)) if f == u % 1440 => {
                    errors.push(Error::invalid(
                        &path.key("until"),
                        "`until` equals `from`: a window of no time (leave both out for all day)",
                    ));
                    None
                }
                // 00:00–24:00 is all day: one window across open days, not one a day.
                (Some(0), Some(1440)) => None,
                (Some(f), Some(u)) => Some((f, u)),
                _ => None,
            },
        };
        let mut except = Vec::new();
        if let Some(dates) = &doc.except {
            if dates.len() > MAX_EXCEPT {
                errors.push(Error::invalid(
                    &path.key("except"),
                    format!("at most {MAX_EXCEPT} excepted dates"),
                ));
            } else {
                for (i, text) in dates.iter().enumerate() {
                    match date_days(text) {
                        Some(day) => except.push(day),
                        None => errors.push(Error::invalid(
                            &path.key("except").index(i),
                            format!("`{text}` is not a date \"YYYY-MM-DD\""),
                        )),
                    }
                }
            }
        }
        except.sort_unstable();
        except.dedup();
        if doc.days.is_none()
            && hours.is_none()
            && doc.from.is_none()
            && except.is_empty()
            && errors.len() == before
        {
            errors.push(Error::invalid(
                path,
                "a schedule needs `days`, `from`/`until` or `except` (without them, leave `schedule` out)",
            ));
        }
        if errors.len() > before {
            return None;
        }
        Some(Schedule {
            zone: zone?,
            days,
            hours,
            except,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_rfc3339;

    fn at(text: &str) -> Millis {
        parse_rfc3339(text).unwrap()
    }

    fn schedule(zone: &str, days: u8, hours: Option<(u32, u32)>) -> Schedule {
        Schedule {
            zone: TimeZone::named(zone).unwrap(),
            days,
            hours,
            except: Vec::new(),
        }
    }

    #[test]
    fn new_york_changes_on_the_second_sunday_of_march_and_the_first_of_november() {
        let zone = TimeZone::named("America/New_York").unwrap();
        // 2027-03-14 02:00 EST = 07:00Z: a millisecond before, winter; at it, summer.
        assert_eq!(zone.offset_at(at("2027-03-14T06:59:59.999Z")), -5 * 3_600_000);
        assert_eq!(zone.offset_at(at("2027-03-14T07:00:00Z")), -4 * 3_600_000);
        // 2027-11-07 02:00 EDT = 06:00Z.
        assert_eq!(zone.offset_at(at("2027-11-07T05:59:59.999Z")), -4 * 3_600_000);
        assert_eq!(zone.offset_at(at("2027-11-07T06:00:00Z")), -5 * 3_600_000);
    }

    #[test]
    fn southern_and_european_rules() {
        let sydney = TimeZone::named("Australia/Sydney").unwrap();
        // Summer in January, winter in July.
        assert_eq!(sydney.offset_at(at("2027-01-15T00:00:00Z")), 11 * 3_600_000);
        assert_eq!(sydney.offset_at(at("2027-07-15T00:00:00Z")), 10 * 3_600_000);
        // Ends 2027-04-04 03:00 AEDT = 2027-04-03T16:00Z.
        assert_eq!(sydney.offset_at(at("2027-04-03T15:59:59Z")), 11 * 3_600_000);
        assert_eq!(sydney.offset_at(at("2027-04-03T16:00:00Z")), 10 * 3_600_000);
        // Berlin: 2027-03-28 01:00Z.
        let berlin = TimeZone::named("Europe/Berlin").unwrap();
        assert_eq!(berlin.offset_at(at("2027-03-28T00:59:59Z")), 3_600_000);
        assert_eq!(berlin.offset_at(at("2027-03-28T01:00:00Z")), 7_200_000);
        // Fixed zones, named and as rules.
        assert_eq!(
            TimeZone::named("Asia/Shanghai").unwrap().offset_at(0),
            8 * 3_600_000
        );
        assert_eq!(TimeZone::named("<+0530>-5:30").unwrap().offset_at(0), 19_800_000);
    }

    #[test]
    fn every_known_zone_reads_and_bad_rules_are_refused() {
        for (name, _) in ZONES {
            assert!(TimeZone::named(name).is_ok(), "{name}");
        }
        for bad in [
            "Mars/Olympus",
            "EST",
            "EST5EDT,M3.2.0",
            "EST5EDT,J60,J300",
            "X5",
            "EST99",
            "EST5EDT,M13.1.0,M11.1.0",
            "",
        ] {
            assert!(TimeZone::named(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_evening_window_follows_the_wall_clock_across_the_change() {
        // Every day 20:00–22:00 New York time: 01:00Z–03:00Z in winter, 00:00Z–02:00Z in summer.
        let s = schedule("America/New_York", Schedule::EVERY_DAY, Some((1200, 1320)));
        assert!(!s.contains(at("2027-03-13T00:59:59.999Z")));
        assert!(s.contains(at("2027-03-13T01:00:00Z")));
        assert_eq!(
            s.window_end(at("2027-03-13T01:00:00Z")),
            Some(at("2027-03-13T03:00:00Z"))
        );
        // The change is on the 14th at 07:00Z: that evening opens an hour earlier in UTC.
        assert!(!s.contains(at("2027-03-14T23:59:59.999Z")));
        assert!(s.contains(at("2027-03-15T00:00:00Z")));
        assert_eq!(
            s.window_end(at("2027-03-15T01:59:00Z")),
            Some(at("2027-03-15T02:00:00Z"))
        );
        assert!(!s.contains(at("2027-03-15T02:00:00Z")));
    }

    #[test]
    fn a_window_edge_in_the_spring_gap_falls_at_the_change() {
        // 02:30–04:00 on 2027-03-14 in New York: the clock jumps from 02:00 EST to 03:00 EDT at
        // 07:00Z, so the window opens then (02:30 is never read) and closes at 04:00 EDT = 08:00Z.
        let s = schedule("America/New_York", Schedule::EVERY_DAY, Some((150, 240)));
        assert!(!s.contains(at("2027-03-14T06:59:59.999Z")));
        assert!(s.contains(at("2027-03-14T07:00:00Z")));
        assert_eq!(
            s.window_end(at("2027-03-14T07:00:00Z")),
            Some(at("2027-03-14T08:00:00Z"))
        );
        // A window ending in the gap (00:00–02:30) ends at the change.
        let s = schedule("America/New_York", Schedule::EVERY_DAY, Some((0, 150)));
        assert_eq!(
            s.window_end(at("2027-03-14T06:00:00Z")),
            Some(at("2027-03-14T07:00:00Z"))
        );
    }

    #[test]
    fn weekends_overnight_and_exceptions() {
        // Friday and Saturday nights 22:00–02:00 in Shanghai; not the night starting 2027-01-01.
        let mut s = schedule("Asia/Shanghai", 0b011_0000, Some((1320, 120)));
        s.except = vec![days_from_civil(2027, 1, 1)];
        // 2027-01-08 is a Friday: 22:00 CST = 14:00Z, to Saturday 02:00 CST = 18:00Z.
        assert!(!s.contains(at("2027-01-08T13:59:59Z")));
        assert!(s.contains(at("2027-01-08T14:00:00Z")));
        assert!(s.contains(at("2027-01-08T17:59:59Z")));
        assert_eq!(
            s.window_end(at("2027-01-08T14:00:00Z")),
            Some(at("2027-01-08T18:00:00Z"))
        );
        assert!(!s.contains(at("2027-01-08T18:00:00Z")));
        // Sunday 22:00 is not a start day; Sunday 01:00 belongs to Saturday's window.
        assert!(!s.contains(at("2027-01-10T14:30:00Z")));
        assert!(s.contains(at("2027-01-09T17:00:00Z")));
        // Friday 2027-01-01 is excepted, its early hours on Saturday too.
        assert!(!s.contains(at("2027-01-01T15:00:00Z")));
        assert!(!s.contains(at("2027-01-01T17:00:00Z")));
        // All weekend, all day: from Saturday 00:00 to Monday 00:00, one window.
        let s = schedule("Europe/London", 0b110_0000, None);
        assert_eq!(
            s.window_end(at("2027-01-09T10:00:00Z")),
            Some(at("2027-01-11T00:00:00Z"))
        );
        assert!(!s.contains(at("2027-01-11T00:00:00Z")));
    }
}
