//! UI benchmarks (PRODUCT.md §9): key press → state update → frame on every
//! screen with 2,000 dossiers × 40 members × 8 criteria (target ≤ 5 ms at
//! p99), and opening 2,000 dossiers without a record to the first frame.
//! Figures in docs/performance.md.
//!
//! Each iteration is one key: `App::action_for_key`, `App::update`, then a
//! full `terminal.draw` on a ratatui `TestBackend` kept across iterations
//! (so ratatui diffs against the previous frame, as on a real terminal,
//! but nothing is written to a tty). The app holds a replayed state in a
//! `Journal::View`: moving around records nothing, and the fsync of a
//! recorded action is measured by `benches/record.rs`.
//!
//! Criterion reports mean and median; the p99 comes from a separate loop
//! that times every key with `Instant` and prints p50 / p99 / max.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hint::black_box;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gremium::domain::{Actor, Event, EventKind, RECORD_FORMAT_VERSION, Session, SessionState, fixture};
use gremium::load::{Source, load_session};
use gremium::record::{LiveSession, Record};
use gremium::rules::{TotalsCache, ranking_cached};
use gremium::ui::app::Budget;
use gremium::ui::journal::Journal;
use gremium::ui::{Action, App, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const DOSSIERS: usize = 2_000;
const MEMBERS: usize = 40;
const CRITERIA: usize = 8;
/// Dossiers already dealt with (scored, revealed, noted, decided) when the
/// benchmark's state was taken; the next one is open and half scored.
const DONE: usize = 1_000;
/// Keys timed one by one for the percentiles, per screen and size.
const P99_KEYS: usize = 2_000;
const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

/// The middle of a long session: roll call of all 40 members, 1,000
/// dossiers done (each with 312 scores, 8 corrections, reveal, note and
/// decision), item 1,001 called up with about half of its scores in.
fn mid_session(session: &Arc<Session>) -> SessionState {
    let t0 = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap_or_default();
    let events = fixture::as_events(mid_session_kinds(), t0, TimeDelta::milliseconds(100));
    SessionState::replay(session.clone(), events).expect("replay")
}

/// The events of [`mid_session`].
fn mid_session_kinds() -> Vec<EventKind> {
    let per_dossier = 1 + (MEMBERS - 1) * CRITERIA + CRITERIA + 3;
    let limit = 2 + MEMBERS + DONE * per_dossier + 1 + (MEMBERS - 1) * CRITERIA / 2;
    fixture::long_session(DOSSIERS, MEMBERS, CRITERIA, limit)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

/// One screen's workload: how to get there, then the keys pressed in turn
/// (cycled).
struct Scenario {
    name: &'static str,
    setup: Vec<KeyEvent>,
    keys: Vec<KeyEvent>,
}

fn scenarios() -> Vec<Scenario> {
    let down_up = |n: usize| {
        let mut k = vec![key(KeyCode::Down); n];
        k.extend(vec![key(KeyCode::Up); n]);
        k
    };
    // Scoring grid: along a row, down, back along the next row, …, then up
    // to the top again.
    let mut grid = Vec::new();
    for row in 0..MEMBERS {
        let across = if row % 2 == 0 { KeyCode::Right } else { KeyCode::Left };
        grid.extend(vec![key(across); CRITERIA - 1]);
        grid.push(key(KeyCode::Down));
    }
    grid.extend(vec![key(KeyCode::Up); MEMBERS]);
    // A search typed and erased again: every key refilters 2,000 dossiers.
    let mut search: Vec<KeyEvent> = "town 1".chars().map(ch).collect();
    search.extend(vec![key(KeyCode::Backspace); 6]);
    let mut tabs = vec![key(KeyCode::Tab); 9];
    tabs.push(ch(']'));
    vec![
        Scenario { name: "overview scroll", setup: vec![ch('o')], keys: down_up(30) },
        Scenario { name: "agenda selection", setup: vec![ch('a')], keys: down_up(300) },
        Scenario { name: "agenda search typed", setup: vec![ch('a'), ch('/')], keys: search },
        Scenario { name: "dossier tabs", setup: vec![ch('a'), key(KeyCode::Enter)], keys: tabs },
        Scenario { name: "attendance selection", setup: vec![ch('p')], keys: down_up(MEMBERS) },
        Scenario { name: "scoring grid cursor", setup: vec![ch('s')], keys: grid },
        Scenario { name: "minutes scroll", setup: vec![ch('m')], keys: down_up(300) },
        Scenario { name: "ranking selection", setup: vec![ch('r')], keys: down_up(300) },
    ]
}

struct Driver {
    app: App,
    terminal: Terminal<TestBackend>,
    keys: Vec<KeyEvent>,
    next: usize,
}

impl Driver {
    fn new(session: &Arc<Session>, state: &SessionState, scenario: &Scenario, (w, h): (u16, u16)) -> Driver {
        let journal = Journal::View { state: Box::new(state.clone()), path: None };
        let mut app = App::new(session.clone(), None).with_journal(journal);
        app.update(Action::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        terminal.draw(|f| render(&app, f)).expect("draw");
        let mut d = Driver { app, terminal, keys: scenario.setup.clone(), next: 0 };
        for _ in 0..scenario.setup.len() {
            d.press();
        }
        d.keys = scenario.keys.clone();
        d.next = 0;
        d
    }

    /// One key → update → frame.
    fn press(&mut self) {
        let key = self.keys[self.next % self.keys.len()];
        self.next += 1;
        if let Some(action) = self.app.action_for_key(&key) {
            self.app.update(action);
        }
        self.terminal.draw(|f| render(&self.app, f)).expect("draw");
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i.min(sorted.len().saturating_sub(1))).copied().unwrap_or_default()
}

/// "p50 …, p99 …, max …" of `times` (sorted here), in milliseconds.
fn spread(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let max = times.last().copied().unwrap_or_default();
    format!(
        "p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms(percentile(times, 0.50)),
        ms(percentile(times, 0.99)),
        ms(max)
    )
}

/// A new value typed into a cell of the open item (the cursor moved
/// right or left first); whether it was recorded (the same value again
/// is not a change).
fn score_a_cell(
    app: &mut App,
    i: u32,
    press: &mut impl FnMut(&mut App, KeyEvent) -> Duration,
) -> Option<Duration> {
    press(app, key(if i.is_multiple_of(2) { KeyCode::Right } else { KeyCode::Left }));
    let events = app.journal().state().meta.events;
    let score = press(app, ch(char::from(b'0' + (i % 5) as u8)));
    (app.journal().state().meta.events != events).then_some(score)
}

fn keys(c: &mut Criterion) {
    let session = Arc::new(fixture::session(DOSSIERS, MEMBERS, CRITERIA));
    let state = mid_session(&session);
    for size in SIZES {
        let mut group = c.benchmark_group(format!("ui/key {}x{}", size.0, size.1));
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for scenario in scenarios() {
            // Percentiles: every key timed on its own.
            let mut d = Driver::new(&session, &state, &scenario, size);
            for _ in 0..200 {
                d.press();
            }
            let mut times: Vec<Duration> = (0..P99_KEYS)
                .map(|_| {
                    let t = Instant::now();
                    d.press();
                    t.elapsed()
                })
                .collect();
            println!(
                "ui/key {}x{}/{}: {P99_KEYS} keys, {} (screen {:?})",
                size.0,
                size.1,
                scenario.name,
                spread(&mut times),
                d.app.screen(),
            );
            // Mean and median.
            let mut d = Driver::new(&session, &state, &scenario, size);
            group.bench_function(scenario.name, |b| b.iter(|| d.press()));
        }
        group.finish();
    }
    // Where a key's time goes: the same keys, update and draw timed apart.
    for scenario in scenarios() {
        let mut d = Driver::new(&session, &state, &scenario, SIZES[0]);
        let (mut update, mut draw) = (Duration::ZERO, Duration::ZERO);
        for _ in 0..P99_KEYS {
            let key = d.keys[d.next % d.keys.len()];
            d.next += 1;
            let t = Instant::now();
            if let Some(action) = d.app.action_for_key(&key) {
                d.app.update(action);
            }
            let t1 = Instant::now();
            d.terminal.draw(|f| render(&d.app, f)).expect("draw");
            draw += t1.elapsed();
            update += t1 - t;
        }
        let n = P99_KEYS as f64;
        println!(
            "ui/split 120x40/{}: update {:.3} ms, draw {:.3} ms (means)",
            scenario.name,
            update.as_secs_f64() * 1e3 / n,
            draw.as_secs_f64() * 1e3 / n,
        );
    }
}

/// Files held in memory, by path.
struct Memory(HashMap<PathBuf, Vec<u8>>);

impl Source for Memory {
    fn read(&self, path: &Path) -> io::Result<Cow<'_, [u8]>> {
        self.0.get(path).map(|b| Cow::Borrowed(b.as_slice())).ok_or_else(|| io::ErrorKind::NotFound.into())
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let mut entries: Vec<PathBuf> = self.0.keys().filter(|p| p.parent() == Some(path)).cloned().collect();
        entries.sort();
        Ok(entries)
    }
    fn is_dir(&self, path: &Path) -> bool {
        self.0.keys().any(|p| p.parent() == Some(path))
    }
}

/// A session file (the fixture's definition: 40 members, 8 criteria) and
/// one collection of 2,000 generated dossiers (`load::sample_collection`,
/// the validate benchmark's realistic dossiers, about 2.3 KB each).
fn files() -> (Memory, PathBuf, usize) {
    let text = gremium::load::sample_collection(DOSSIERS * 2_600);
    let mut collection: serde_json::Value = serde_json::from_str(&text).expect("sample collection");
    let dossiers = collection["dossiers"].as_array_mut().expect("dossiers");
    assert!(dossiers.len() >= DOSSIERS, "sample too small: {}", dossiers.len());
    dossiers.truncate(DOSSIERS);
    let first = dossiers[0]["id"].as_str().expect("id").to_string();
    let collection = serde_json::to_vec_pretty(&collection).expect("json");
    let mut definition = fixture::session(0, MEMBERS, CRITERIA).definition;
    definition.dossiers = vec!["dossiers/".into()];
    for conflict in &mut definition.conflicts {
        conflict.dossier = first.clone();
    }
    let session = serde_json::to_vec_pretty(&definition).expect("json");
    let bytes = session.len() + collection.len();
    let path = PathBuf::from("bench/session.json");
    let files =
        HashMap::from([(path.clone(), session), (PathBuf::from("bench/dossiers/all.json"), collection)]);
    (Memory(files), path, bytes)
}

fn open(c: &mut Criterion) {
    let (src, path, bytes) = files();
    let loaded = load_session(&src, &path, false).expect("load");
    assert_eq!(loaded.session.dossiers.len(), DOSSIERS);
    println!("ui/open: {DOSSIERS} dossiers, {:.1} MB of JSON", bytes as f64 / 1e6);
    let mut group = c.benchmark_group("ui/open");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    for (w, h) in SIZES {
        group.bench_function(format!("load {DOSSIERS} dossiers to first frame {w}x{h}"), |b| {
            b.iter(|| {
                let loaded = load_session(&src, &path, false).expect("load");
                let mut app = App::new(loaded.session, None)
                    .with_warnings(loaded.warnings.iter().map(|d| d.message.clone()).collect());
                app.update(Action::Resize(w, h));
                let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
                terminal.draw(|f| render(&app, f)).expect("draw");
                black_box(terminal)
            })
        });
    }
    // The parts: loading alone, and App::new + first frame on a loaded session.
    group.bench_function(format!("load {DOSSIERS} dossiers only"), |b| {
        b.iter(|| black_box(load_session(&src, &path, false).expect("load").session.dossiers.len()))
    });
    let session = Arc::new(loaded.session);
    group.bench_function("App::new + first frame 120x40", |b| {
        b.iter(|| {
            let mut app = App::new(session.clone(), None);
            app.update(Action::Resize(120, 40));
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal.draw(|f| render(&app, f)).expect("draw");
            black_box(terminal)
        })
    });
    group.finish();
}

/// The minutes of the mid-session state (1,000 items scored): building the
/// document, writing it as Markdown and HTML, and the `m` key with the
/// whole document built and laid out at once (`Budget::Whole`; in the
/// terminal it is built between keys, measured in `changes`; scrolling the
/// kept lines is measured in `keys`).
fn minutes(c: &mut Criterion) {
    let session = Arc::new(fixture::session(DOSSIERS, MEMBERS, CRITERIA));
    let state = mid_session(&session);
    let now = DateTime::parse_from_rfc3339("2026-11-26T18:00:00+01:00").unwrap_or_default();
    let mut group = c.benchmark_group("ui/minutes");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    group.bench_function("build", |b| b.iter(|| black_box(gremium::minutes::build(&state, now))));
    let doc = gremium::minutes::build(&state, now);
    let (md, html) = (gremium::minutes::markdown(&doc), gremium::minutes::html(&doc));
    println!(
        "ui/minutes: {} sections, markdown {:.1} MB, html {:.1} MB",
        doc.sections.len(),
        md.len() as f64 / 1e6,
        html.len() as f64 / 1e6
    );
    group.bench_function("markdown + html", |b| {
        b.iter(|| black_box((gremium::minutes::markdown(&doc), gremium::minutes::html(&doc))))
    });
    group.bench_function("m key to first frame 120x40, built at once", |b| {
        b.iter_batched(
            || {
                let journal = Journal::View { state: Box::new(state.clone()), path: None };
                let mut app = App::new(session.clone(), None).with_journal(journal);
                app.update(Action::Resize(120, 40));
                (app, Terminal::new(TestBackend::new(120, 40)).expect("terminal"))
            },
            |(mut app, mut terminal)| {
                app.update(Action::ShowMinutes);
                terminal.draw(|f| render(&app, f)).expect("draw");
                black_box(terminal)
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// Keys that change the record, timed one by one with what follows them:
/// a score typed on the scoring grid (decided, appended, fsynced, drawn),
/// then the ranking, the overview, the decision screen, the attendance
/// screen and the minutes drawn for the first time after it. The app is
/// live on a record of the mid-session events in a temporary folder
/// (PRODUCT.md §9: key → state update → frame, the first frame after a
/// change included). Every member has an organisation, so the attendance
/// screen after a change looks for each one in the dossiers' texts again
/// (the conflict suggestions).
fn changes(_c: &mut Criterion) {
    let mut session = fixture::session(DOSSIERS, MEMBERS, CRITERIA);
    fixture::with_organisations(&mut session);
    let session = Arc::new(session);
    let dir = tempfile::tempdir().expect("temporary folder");
    {
        let mut record = Record::create(dir.path(), &session.definition.id).expect("record");
        let t0 = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap_or_default();
        let mut kinds = mid_session_kinds();
        if let Some(EventKind::SessionOpened { session_id, .. }) = kinds.first_mut() {
            session_id.clone_from(&session.definition.id);
        }
        let mut kinds = kinds.into_iter().peekable();
        while kinds.peek().is_some() {
            record.append(Actor::Chair, t0, kinds.by_ref().take(5_000).collect()).expect("append");
        }
    }
    let now = DateTime::parse_from_rfc3339("2026-11-26T18:00:00+01:00").unwrap_or_default();
    let (live, _) =
        LiveSession::open(session.clone(), dir.path(), Default::default(), "bench", now).expect("open");
    let mut app = App::new(session.clone(), None)
        .with_journal(Journal::Live(Box::new(live)))
        .with_budget(Budget::For(gremium::ui::SLICE));
    let (w, h) = SIZES[0];
    app.update(Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let mut press = |app: &mut App, k: KeyEvent| {
        let t = Instant::now();
        if let Some(action) = app.action_for_key(&k) {
            app.update(action);
        }
        terminal.draw(|f| render(app, f)).expect("draw");
        t.elapsed()
    };
    press(&mut app, ch('s'));
    let before = app.journal().state().meta.events;
    let then = [
        ("scoring grid, the score itself", None),
        ("ranking", Some('r')),
        ("overview", Some('o')),
        ("decision", Some('v')),
        ("attendance, with the conflict suggestions", Some('p')),
        ("minutes", Some('m')),
    ];
    // The idle turns of the event loop that build the minutes after the
    // key (each with its frame).
    let mut turns = Vec::new();
    let mut idle_terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    for (name, after) in then {
        let mut times = Vec::with_capacity(200);
        let rounds: u32 = if after == Some('m') { 40 } else { 200 };
        for i in 0..rounds {
            let Some(score) = score_a_cell(&mut app, i, &mut press) else { continue };
            match after {
                None => times.push(score),
                Some(k) => {
                    times.push(press(&mut app, ch(k)));
                    while app.has_work() {
                        let t = Instant::now();
                        app.work();
                        idle_terminal.draw(|f| render(&app, f)).expect("draw");
                        turns.push(t.elapsed());
                    }
                    press(&mut app, ch('s'));
                }
            }
        }
        println!(
            "ui/change 120x40/{name}: {} changes, {} (screen {:?})",
            times.len(),
            spread(&mut times),
            app.screen()
        );
    }
    // The first ranking frame after an undo of a score (undo touches what
    // the score touched: one dossier's total).
    let mut undone = Vec::with_capacity(100);
    for i in 0..100u32 {
        if score_a_cell(&mut app, i, &mut press).is_none() {
            continue;
        }
        press(&mut app, ch('u'));
        undone.push(press(&mut app, ch('r')));
        press(&mut app, ch('s'));
    }
    println!("ui/change 120x40/ranking after an undo: {} undos, {}", undone.len(), spread(&mut undone));
    println!(
        "ui/change 120x40/minutes, idle turns building them: {} turns, {}",
        turns.len(),
        spread(&mut turns)
    );
    let recorded = app.journal().state().meta.events - before;
    println!("ui/change 120x40: {recorded} scores recorded");
}

/// The first ranking after a change: a score entered on the 1,001st
/// dossier of the mid-session state, then the ranking — computed afresh,
/// and with the totals of the dossiers that did not change kept
/// (`TotalsCache`, what the app does).
fn ranking_after_a_score(c: &mut Criterion) {
    let session = Arc::new(fixture::session(DOSSIERS, MEMBERS, CRITERIA));
    let mut state = mid_session(&session);
    let mut cache = TotalsCache::default();
    black_box(ranking_cached(&state, &mut cache));
    let dossier = session.dossiers[DONE].id.clone();
    let t0 = DateTime::parse_from_rfc3339("2026-11-26T18:00:00+01:00").unwrap_or_default();
    let mut n = 0u64;
    let mut score = |state: &mut SessionState| {
        n += 1;
        let event = Event {
            v: RECORD_FORMAT_VERSION,
            seq: state.meta.events,
            at: t0,
            actor: Actor::Chair,
            prev: Default::default(),
            event: EventKind::ScoreEntered {
                dossier: dossier.clone(),
                round: 1,
                member: format!("m{:02}", 1 + n % (MEMBERS as u64 - 1)),
                criterion: format!("c{}", n % CRITERIA as u64),
                value: (n % 5) as f64,
            },
        };
        state.apply(&event).expect("a score applies");
    };
    let mut group = c.benchmark_group(format!("ui/ranking after a score, {DOSSIERS} dossiers"));
    group.sample_size(30);
    group.bench_function("afresh", |b| {
        b.iter(|| {
            score(&mut state);
            black_box(gremium::rules::ranking(&state))
        })
    });
    group.bench_function("totals kept", |b| {
        b.iter(|| {
            score(&mut state);
            black_box(ranking_cached(&state, &mut cache))
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = changes, ranking_after_a_score, keys, open, minutes
}
criterion_main!(benches);
