//! What the dossier screen keeps between keys. No `App` here: the app holds it
//! as data, the screen reads and changes it.

/// The tabs, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DossierTab {
    Profile,
    Indicators,
    Deficits,
    Concept,
    Participation,
    Measures,
    Funding,
    Checks,
    Notes,
}

impl DossierTab {
    pub const ALL: [DossierTab; 9] = [
        DossierTab::Profile,
        DossierTab::Indicators,
        DossierTab::Deficits,
        DossierTab::Concept,
        DossierTab::Participation,
        DossierTab::Measures,
        DossierTab::Funding,
        DossierTab::Checks,
        DossierTab::Notes,
    ];

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn title(self, s: &Strings) -> &'static str {
        s.tabs[self.index()]
    }
}

use crate::ui::strings::Strings;

#[derive(Debug, Clone, Default)]
pub struct DossierState {
    /// Index into `session.dossiers`.
    pub(super) current: Option<usize>,
    pub(super) tab: usize,
    /// Scroll position per tab; reset when another dossier is shown.
    pub(super) scroll: [usize; 9],
}

impl DossierState {
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    pub fn tab(&self) -> DossierTab {
        DossierTab::ALL.get(self.tab).copied().unwrap_or(DossierTab::Profile)
    }

    pub fn scroll(&self) -> usize {
        self.scroll.get(self.tab).copied().unwrap_or(0)
    }

    /// Show another dossier, on the same tab, from the top.
    pub fn show(&mut self, dossier: usize) {
        if self.current != Some(dossier) {
            self.current = Some(dossier);
            self.scroll = [0; 9];
        }
    }

    pub fn clamp_scroll(&mut self, max: usize) {
        if let Some(s) = self.scroll.get_mut(self.tab) {
            *s = (*s).min(max);
        }
    }

    pub(super) fn set_scroll(&mut self, value: usize) {
        if let Some(s) = self.scroll.get_mut(self.tab) {
            *s = value;
        }
    }
}
