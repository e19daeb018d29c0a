//! The workstation drawn into ratatui's `TestBackend`, read back as text.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use zongjie::tui::action::Action;
use zongjie::tui::app::App;
use zongjie::tui::update::update;
use zongjie::tui::view;

/// `app` resized to `w`×`h` and drawn once: the screen, a line a row.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    update(app, Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t.backend().to_string()
}
