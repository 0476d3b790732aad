//! The minutes built a stretch at a time, so that a long session's
//! document never holds up a key: the timeline's walk in steps of
//! [`WALK_STEP`] actions, then the head, the opening sections, the items
//! dealt with one by one, and the closing sections. Between two stretches
//! the state must not change (the minutes screen keys its work on the
//! record's length and starts again when it grows); [`super::build`] is the
//! same builder run to the end at once, so both give the same document.

use chrono::{DateTime, FixedOffset};

use super::context::Context;
use super::timeline::{Timeline, TimelineWalk};
use super::{Minutes, Section, closing, head, items, opening};
use crate::domain::SessionState;
use crate::rules::Ranking;

/// Actions walked between two looks at the budget.
const WALK_STEP: usize = 2_048;

/// What a stretch of work gives, in the document's order: the head (a
/// [`Minutes`] without sections) once, then its sections.
pub enum Piece {
    Head(Minutes),
    Section(Section),
}

pub struct Builder {
    now: DateTime<FixedOffset>,
    stage: Stage,
}

enum Stage {
    Walk(TimelineWalk),
    Sections { timeline: Timeline, next: Next },
    Done,
}

#[derive(Clone, Copy)]
enum Next {
    Head,
    /// The opening's sections, then the items' heading.
    Opening(usize),
    Part(usize),
    Closing(usize),
}

impl Builder {
    pub fn new(state: &SessionState, now: DateTime<FixedOffset>) -> Builder {
        Builder { now, stage: Stage::Walk(TimelineWalk::new(state)) }
    }

    pub fn is_done(&self) -> bool {
        matches!(self.stage, Stage::Done)
    }

    /// How far the work is, in percent: the walk counts for the first
    /// fifth, the items for most of the rest.
    pub fn percent(&self) -> u8 {
        let share = |done: usize, all: usize| if all == 0 { 1.0 } else { done as f64 / all as f64 };
        let p = match &self.stage {
            Stage::Walk(walk) => {
                let (done, all) = walk.progress();
                0.2 * share(done, all)
            }
            Stage::Sections { timeline, next } => match *next {
                Next::Head | Next::Opening(_) => 0.2,
                Next::Part(i) => 0.2 + 0.79 * share(i, timeline.parts.len()),
                Next::Closing(_) => 0.99,
            },
            Stage::Done => 1.0,
        };
        (p * 100.0).floor().clamp(0.0, 100.0) as u8
    }

    /// Work on `state` while `more()` says so (one step at least), handing
    /// every piece made to `out`; true once the document is complete. A
    /// step is a stretch of the walk, the head, one section. `ranking`
    /// gives the state's ranking where the caller keeps it (the app's, from
    /// kept totals), asked for only when the result is written; without it
    /// the result computes it.
    pub fn advance<'r>(
        &mut self,
        state: &SessionState,
        ranking: Option<&dyn Fn() -> &'r Ranking>,
        more: &mut dyn FnMut() -> bool,
        out: &mut dyn FnMut(Piece),
    ) -> bool {
        loop {
            match &mut self.stage {
                Stage::Walk(walk) => {
                    if let Some(timeline) = walk.advance(state, WALK_STEP) {
                        self.stage = Stage::Sections { timeline, next: Next::Head };
                    }
                }
                Stage::Sections { timeline, next } => {
                    let mut cx = Context::new(state, timeline, self.now);
                    loop {
                        *next = match *next {
                            Next::Head => {
                                out(Piece::Head(head(&cx)));
                                Next::Opening(0)
                            }
                            Next::Opening(i) if i < opening::SECTIONS => {
                                emit(out, opening::section_at(&cx, i));
                                Next::Opening(i + 1)
                            }
                            Next::Opening(_) => {
                                emit(out, Some(items::intro(&cx)));
                                Next::Part(0)
                            }
                            Next::Part(i) => match timeline.parts.get(i) {
                                Some(&part) => {
                                    emit(out, items::part(&cx, part));
                                    Next::Part(i + 1)
                                }
                                None => Next::Closing(0),
                            },
                            Next::Closing(i) => {
                                if i == closing::RESULT {
                                    cx.ranking = ranking.map(|r| r());
                                }
                                emit(out, closing::section_at(&cx, i));
                                if i + 1 == closing::SECTIONS {
                                    self.stage = Stage::Done;
                                    return true;
                                }
                                Next::Closing(i + 1)
                            }
                        };
                        if !more() {
                            return false;
                        }
                    }
                }
                Stage::Done => return true,
            }
            if !more() {
                return false;
            }
        }
    }
}

fn emit(out: &mut dyn FnMut(Piece), section: Option<Section>) {
    if let Some(section) = section {
        out(Piece::Section(section));
    }
}
