//! The one list cursor: a selection and the first row shown, moved by the
//! same keys on every list (`j`/`k`, arrows, pages, `Home`/`End`) and kept
//! on screen the same way. The agenda, the attendance list and the
//! decision list use it; documents scroll with [`scroll`].

use crate::ui::action::Action;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    selected: usize,
    offset: usize,
}

impl ListCursor {
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Select row `i` (a click, a jump); [`ListCursor::keep_visible`] then
    /// brings it on screen.
    pub fn select(&mut self, i: usize) {
        self.selected = i;
    }

    /// Move by a moving key over `len` rows with pages of `page`; `false`
    /// when `action` does not move.
    pub fn step(&mut self, action: Action, len: usize, page: usize) -> bool {
        let last = len.saturating_sub(1);
        let page = page.max(1);
        let i = self.selected.min(last);
        self.selected = match action {
            Action::Up => i.saturating_sub(1),
            Action::Down => (i + 1).min(last),
            Action::PageUp => i.saturating_sub(page),
            Action::PageDown => (i + page).min(last),
            Action::Home => 0,
            Action::End => last,
            _ => return false,
        };
        true
    }

    /// Keep the selection within `len` rows and on a page of `page` rows.
    pub fn keep_visible(&mut self, len: usize, page: usize) {
        let page = page.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(len.saturating_sub(page));
    }

    /// Scroll so that lines `first..end` (one row and what belongs to it)
    /// are on a page of `page` lines, preferring `first`.
    pub fn keep_lines_visible(&mut self, first: usize, end: usize, page: usize) {
        let page = page.max(1);
        if first < self.offset {
            self.offset = first;
        } else if end > self.offset + page {
            self.offset = end.saturating_sub(page).min(first);
        }
    }
}

/// A document's scroll position moved by a moving key; `None` when
/// `action` does not move. `max` is the last useful position.
pub fn scroll(position: usize, action: Action, max: usize, page: usize) -> Option<usize> {
    let page = page.max(1);
    let p = position.min(max);
    Some(match action {
        Action::Up => p.saturating_sub(1),
        Action::Down => (p + 1).min(max),
        Action::PageUp => p.saturating_sub(page),
        Action::PageDown => (p + page).min(max),
        Action::Home => 0,
        Action::End => max,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_within_the_list_and_the_page_follows() {
        let mut c = ListCursor::default();
        assert!(c.step(Action::Down, 10, 4));
        assert!(c.step(Action::PageDown, 10, 4));
        assert_eq!(c.selected(), 5);
        c.keep_visible(10, 4);
        assert_eq!(c.offset(), 2);
        assert!(c.step(Action::End, 10, 4));
        c.keep_visible(10, 4);
        assert_eq!((c.selected(), c.offset()), (9, 6));
        assert!(c.step(Action::Down, 10, 4));
        assert_eq!(c.selected(), 9);
        assert!(!c.step(Action::Open, 10, 4));
        c.keep_visible(3, 4);
        assert_eq!((c.selected(), c.offset()), (2, 0));
        assert!(c.step(Action::Up, 0, 4));
        assert_eq!(c.selected(), 0);
    }

    #[test]
    fn documents_scroll_to_their_last_useful_line() {
        assert_eq!(scroll(0, Action::End, 40, 10), Some(40));
        assert_eq!(scroll(38, Action::PageDown, 40, 10), Some(40));
        assert_eq!(scroll(50, Action::Up, 40, 10), Some(39));
        assert_eq!(scroll(5, Action::Left, 40, 10), None);
    }
}
