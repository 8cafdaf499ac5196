//! A small description of markup: elements, attributes and text. The widget describes what it shows
//! once, as [`Markup`]; the browser turns it into live DOM (text set as text, attributes as
//! attributes) and a server writes it as HTML with [`Markup::write_html`], escaping every string, so
//! the two cannot diverge and nothing the merchant or the cart supplies is ever read as HTML.

/// A node: an element or a run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Markup {
    /// An element.
    Element(Element),
    /// Text, shown as is.
    Text(String),
}

/// An element with its attributes and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Tag name (lower case, from this crate, never from input).
    pub tag: &'static str,
    /// Whether it belongs to the SVG namespace.
    pub svg: bool,
    /// Attributes in order; names come from this crate, values may come from input.
    pub attrs: Vec<(&'static str, String)>,
    /// Child nodes.
    pub children: Vec<Markup>,
}

/// HTML elements that have no end tag.
const VOID: &[&str] = &["img", "link", "br"];

impl Element {
    /// An HTML element.
    pub fn html(tag: &'static str) -> Self {
        Element {
            tag,
            svg: false,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// An SVG element.
    pub fn svg(tag: &'static str) -> Self {
        Element {
            svg: true,
            ..Element::html(tag)
        }
    }

    /// Adds an attribute.
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }

    /// Adds a child.
    pub fn child(mut self, child: impl Into<Markup>) -> Self {
        self.children.push(child.into());
        self
    }

    /// Adds a text child.
    pub fn text(self, text: impl Into<String>) -> Self {
        self.child(Markup::Text(text.into()))
    }

    /// Adds children.
    pub fn children(mut self, children: impl IntoIterator<Item = Markup>) -> Self {
        self.children.extend(children);
        self
    }

    /// The value of an attribute.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl From<Element> for Markup {
    fn from(element: Element) -> Self {
        Markup::Element(element)
    }
}

impl Markup {
    /// Writes the node as HTML, escaping text and attribute values.
    pub fn write_html(&self, out: &mut String) {
        match self {
            Markup::Text(text) => escape_into(out, text, false),
            Markup::Element(element) => {
                out.push('<');
                out.push_str(element.tag);
                for (name, value) in &element.attrs {
                    out.push(' ');
                    out.push_str(name);
                    out.push_str("=\"");
                    escape_into(out, value, true);
                    out.push('"');
                }
                out.push('>');
                if !element.svg && VOID.contains(&element.tag) {
                    return;
                }
                for child in &element.children {
                    child.write_html(out);
                }
                out.push_str("</");
                out.push_str(element.tag);
                out.push('>');
            }
        }
    }

    /// The node as HTML.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        self.write_html(&mut out);
        out
    }

    /// All the text inside the node, in document order.
    pub fn text_content(&self) -> String {
        fn walk(node: &Markup, out: &mut String) {
            match node {
                Markup::Text(text) => out.push_str(text),
                Markup::Element(element) => element.children.iter().for_each(|c| walk(c, out)),
            }
        }
        let mut out = String::new();
        walk(self, &mut out);
        out
    }
}

/// Escapes `&`, `<`, `>` (and in attribute values `"` and `'`) so the text reads as text.
pub fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&#39;"),
            // Nothing invisible that could confuse a parser: NUL becomes the replacement character.
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_and_attributes_are_escaped() {
        let node = Element::html("p")
            .attr("title", "\"><script>alert(1)</script>")
            .text("<img src=x onerror=alert(1)>");
        assert_eq!(
            node.into_markup().to_html(),
            "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;img src=x onerror=alert(1)&gt;</p>"
        );
    }

    #[test]
    fn void_and_svg_elements() {
        let img = Markup::from(Element::html("img").attr("src", "a.svg").attr("alt", ""));
        assert_eq!(img.to_html(), "<img src=\"a.svg\" alt=\"\">");
        let rect = Markup::from(Element::svg("rect").attr("width", "50%"));
        assert_eq!(rect.to_html(), "<rect width=\"50%\"></rect>");
    }

    impl Element {
        fn into_markup(self) -> Markup {
            Markup::Element(self)
        }
    }
}
