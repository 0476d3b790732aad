//! All colours in one place. Every status also carries a symbol or a word,
//! so the plain theme (chosen when `NO_COLOR` is set) loses no information.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Default,
    HighContrast,
    /// No colours at all, only bold/reversed/underlined (`NO_COLOR`).
    Plain,
}

impl ThemeKind {
    /// The theme the environment asks for: `NO_COLOR` (any non-empty value,
    /// see no-color.org) wins; `GREMIUM_THEME=high-contrast` selects the
    /// high-contrast theme.
    pub fn from_env(no_color: Option<&str>, requested: Option<&str>) -> ThemeKind {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return ThemeKind::Plain;
        }
        match requested {
            Some("high-contrast") => ThemeKind::HighContrast,
            Some("plain" | "no-color") => ThemeKind::Plain,
            _ => ThemeKind::Default,
        }
    }

    pub fn next(self) -> ThemeKind {
        match self {
            ThemeKind::Default => ThemeKind::HighContrast,
            ThemeKind::HighContrast => ThemeKind::Plain,
            ThemeKind::Plain => ThemeKind::Default,
        }
    }

    pub fn index(self) -> usize {
        match self {
            ThemeKind::Default => 0,
            ThemeKind::HighContrast => 1,
            ThemeKind::Plain => 2,
        }
    }

    pub fn theme(self) -> Theme {
        match self {
            ThemeKind::Default => Theme::default_colours(),
            ThemeKind::HighContrast => Theme::high_contrast(),
            ThemeKind::Plain => Theme::plain(),
        }
    }
}

/// The styles the screens draw with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub base: Style,
    pub header: Style,
    pub header_screen: Style,
    pub footer: Style,
    pub footer_key: Style,
    pub heading: Style,
    pub label: Style,
    pub muted: Style,
    pub selected: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub ok: Style,
    pub bad: Style,
    pub warn: Style,
    pub search: Style,
}

impl Theme {
    fn default_colours() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            base: Style::new(),
            header: Style::new().fg(Color::White).bg(Color::Blue),
            header_screen: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(bold),
            footer: Style::new().fg(Color::Gray),
            footer_key: Style::new().fg(Color::Cyan).add_modifier(bold),
            heading: Style::new().fg(Color::Cyan).add_modifier(bold),
            label: Style::new().fg(Color::Gray),
            muted: Style::new().fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED | bold),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(bold),
            ok: Style::new().fg(Color::Green),
            bad: Style::new().fg(Color::Red).add_modifier(bold),
            warn: Style::new().fg(Color::Yellow),
            search: Style::new().fg(Color::Yellow).add_modifier(bold),
        }
    }

    /// For projectors and low vision: black and white with yellow accents,
    /// everything that matters in bold.
    fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        let base = Style::new().fg(Color::White).bg(Color::Black);
        Theme {
            base,
            header: Style::new().fg(Color::Black).bg(Color::White).add_modifier(bold),
            header_screen: Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(bold),
            footer: base,
            footer_key: Style::new().fg(Color::Yellow).bg(Color::Black).add_modifier(bold),
            heading: Style::new().fg(Color::Yellow).add_modifier(bold | Modifier::UNDERLINED),
            label: base,
            muted: base,
            selected: Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(bold),
            tab: base,
            tab_active: Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(bold),
            ok: Style::new().fg(Color::LightGreen).add_modifier(bold),
            bad: Style::new().fg(Color::LightRed).add_modifier(bold),
            warn: Style::new().fg(Color::Yellow).add_modifier(bold),
            search: Style::new().fg(Color::Yellow).add_modifier(bold),
        }
    }

    /// For the room's view on a projector (`gremium follow`): dark text on
    /// a white ground, which projectors show crisply in a lit room; blue
    /// for headings, green and red only beside the words that carry the
    /// meaning.
    pub fn projector() -> Theme {
        let bold = Modifier::BOLD;
        let base = Style::new().fg(Color::Black).bg(Color::White);
        Theme {
            base,
            header: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(bold),
            header_screen: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(bold),
            footer: base,
            footer_key: base.add_modifier(bold),
            heading: Style::new().fg(Color::Blue).bg(Color::White).add_modifier(bold),
            label: base,
            muted: Style::new().fg(Color::DarkGray).bg(Color::White),
            selected: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(bold),
            tab: base,
            tab_active: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(bold),
            ok: Style::new().fg(Color::Green).bg(Color::White).add_modifier(bold),
            bad: Style::new().fg(Color::Red).bg(Color::White).add_modifier(bold),
            warn: Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(bold),
            search: base.add_modifier(bold),
        }
    }

    fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            base: Style::new(),
            header: reversed,
            header_screen: reversed.add_modifier(Modifier::BOLD),
            footer: Style::new(),
            footer_key: bold,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            label: Style::new(),
            muted: Style::new(),
            selected: reversed.add_modifier(Modifier::BOLD),
            tab: Style::new(),
            tab_active: reversed.add_modifier(Modifier::BOLD),
            ok: Style::new(),
            bad: bold,
            warn: Style::new(),
            search: bold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_and_plain_has_no_colours() {
        assert_eq!(ThemeKind::from_env(Some("1"), Some("high-contrast")), ThemeKind::Plain);
        assert_eq!(ThemeKind::from_env(Some(""), None), ThemeKind::Default);
        assert_eq!(ThemeKind::from_env(None, Some("high-contrast")), ThemeKind::HighContrast);
        let t = ThemeKind::Plain.theme();
        for s in [t.base, t.header, t.selected, t.ok, t.bad, t.warn, t.tab_active, t.footer_key] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
    }
}
