//! The cart widget, `<next-tier>`: what it shows for a cart ([`view`]), described once as markup
//! ([`render`], [`markup`]) that the browser patches into the element's shadow root and a server
//! writes as HTML. The DOM side lives in the wasm bindings; everything here is plain Rust.

pub mod markup;
pub mod messages;
pub mod options;
pub mod render;
pub mod view;

pub use options::WidgetOptions;
pub use view::{FormatMoney, PlainMoney, View};

use crate::cart::Cart;
use crate::error::Errors;
use crate::pricing::engine::Engine;
use crate::time::Millis;

impl Engine {
    /// The widget's initial HTML for a cart (a `<next-tier>` element with a declarative shadow
    /// root), for server rendering. Money is formatted by `money`; `css` is the stylesheet inlined
    /// unless `options.stylesheet` links one ([`render::STYLESHEET`] natively).
    pub fn render_html(
        &self,
        cart: &Cart,
        clock: Millis,
        options: &WidgetOptions,
        money: &dyn FormatMoney,
        css: &str,
    ) -> Result<String, Errors> {
        let (view, _) = view::build(self, cart, clock, options, money)?;
        Ok(render::document(&view, options, css))
    }
}
