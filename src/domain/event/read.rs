//! Reading events fast. serde's derived reader for an internally tagged
//! enum first buffers every field of every event into an intermediate
//! tree, and chrono reads times through its general format parser; both
//! were most of the time of opening a long record. Lines written by
//! gremium carry `type` first, so the fields after it are read straight
//! into the variant; anything else (hand-edited order) takes the general
//! path. The written form is unchanged (`Serialize` stays derived).

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::value::MapAccessDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, VariantAccess, Visitor,
};
use serde::{Deserialize, forward_to_deserialize_any};

use super::{DeferralReason, EventKind, InputChange, InputsDigest, Outcome, Vote};

type At = DateTime<FixedOffset>;

/// The variants' fields as `EventKind` has them; `remote` makes the
/// compiler check that both agree. Externally tagged: the variant is named
/// by the `type` read before.
#[derive(Deserialize)]
#[serde(remote = "EventKind", rename_all = "snake_case")]
enum Body {
    SessionOpened {
        session_id: String,
        #[serde(default)]
        title: String,
        app_version: String,
        inputs: Box<InputsDigest>,
    },
    SessionResumed {
        app_version: String,
        inputs_digest: String,
    },
    InputsAccepted {
        inputs: Box<InputsDigest>,
        #[serde(default)]
        changes: Vec<InputChange>,
    },
    DulyInvitedConfirmed {},
    MemberMarkedPresent {
        member: String,
        #[serde(deserialize_with = "rfc3339")]
        at: At,
    },
    MemberMarkedAbsent {
        member: String,
        #[serde(deserialize_with = "rfc3339")]
        at: At,
    },
    MemberArrived {
        member: String,
        #[serde(deserialize_with = "rfc3339")]
        at: At,
    },
    MemberLeft {
        member: String,
        #[serde(deserialize_with = "rfc3339")]
        at: At,
    },
    ConflictDeclared {
        member: String,
        dossier: String,
        #[serde(default)]
        reason: Option<String>,
    },
    AgendaItemMoved {
        dossier: String,
        to: usize,
    },
    AgendaItemDeferred {
        dossier: String,
        #[serde(default)]
        reason: Option<String>,
    },
    AgendaItemOpened {
        dossier: String,
    },
    AgendaItemClosed {
        dossier: String,
    },
    ScoringRoundOpened {
        dossier: String,
        round: u32,
    },
    ScoreEntered {
        dossier: String,
        round: u32,
        member: String,
        criterion: String,
        value: f64,
    },
    ScoreCorrected {
        dossier: String,
        round: u32,
        member: String,
        criterion: String,
        value: f64,
        #[serde(default)]
        previous: Option<f64>,
    },
    ScoresRevealed {
        dossier: String,
        round: u32,
        early: bool,
    },
    VoteRecorded(Box<Vote>),
    DecisionRecorded {
        dossier: String,
        outcome: Outcome,
        #[serde(default)]
        rationale: Option<String>,
        #[serde(default)]
        departs_from_ranking: bool,
        #[serde(default)]
        deferral: Option<DeferralReason>,
    },
    ConflictDecided {
        member: String,
        dossier: String,
        yes: u32,
        no: u32,
        abstain: u32,
        excluded: bool,
    },
    ConflictSuggestionDismissed {
        member: String,
        dossier: String,
    },
    ReinvitationConfirmed {
        dossier: String,
    },
    LotsDrawn {
        dossiers: Vec<String>,
        seed: String,
    },
    BallotImported(Box<crate::domain::BallotImport>),
    ReviewStarted {
        member: String,
    },
    ReviewScoreGiven {
        dossier: String,
        criterion: String,
        value: f64,
    },
    ReviewNoteWritten {
        dossier: String,
        text: String,
        #[serde(default)]
        shared: bool,
    },
    ResultConfirmed {
        dossier: String,
        reason: String,
    },
    NoteAdded {
        text: String,
        #[serde(default)]
        dossier: Option<String>,
    },
    SignedOff {
        by: String,
    },
    Amendment {
        reason: String,
        change: Box<EventKind>,
    },
    Undo {
        target: u64,
    },
    Redo {
        target: u64,
    },
}

impl<'de> Deserialize<'de> for EventKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = EventKind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an event: an object with a `type`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EventKind, A::Error> {
        match map.next_key::<FirstKey>()? {
            None => Err(de::Error::missing_field("type")),
            Some(FirstKey::Type) => Body::deserialize(AfterType(map)),
            Some(FirstKey::Other(key)) => {
                // `type` comes later: gather the object, then read it as
                // {type: fields}.
                let mut fields = serde_json::Map::new();
                fields.insert(key, map.next_value()?);
                while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                    fields.insert(k, v);
                }
                let tag = match fields.remove("type") {
                    Some(serde_json::Value::String(tag)) => tag,
                    Some(other) => {
                        return Err(de::Error::invalid_type(
                            unexpected(&other),
                            &"a string naming the event",
                        ));
                    }
                    None => return Err(de::Error::missing_field("type")),
                };
                let tagged = serde_json::Value::Object([(tag, fields.into())].into_iter().collect());
                Body::deserialize(tagged).map_err(de::Error::custom)
            }
        }
    }
}

fn unexpected(v: &serde_json::Value) -> de::Unexpected<'_> {
    match v {
        serde_json::Value::Null => de::Unexpected::Unit,
        serde_json::Value::Bool(b) => de::Unexpected::Bool(*b),
        serde_json::Value::Number(_) => de::Unexpected::Other("a number"),
        serde_json::Value::String(s) => de::Unexpected::Str(s),
        serde_json::Value::Array(_) => de::Unexpected::Seq,
        serde_json::Value::Object(_) => de::Unexpected::Map,
    }
}

/// The first key of an event object: `type` (the usual case), or another.
enum FirstKey {
    Type,
    Other(String),
}

impl<'de> Deserialize<'de> for FirstKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = FirstKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FirstKey, E> {
                Ok(if v == "type" { FirstKey::Type } else { FirstKey::Other(v.to_string()) })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// The rest of an event object after its `type` key: the `type` value
/// names the variant, the remaining entries are its fields.
struct AfterType<A>(A);

impl<'de, A: MapAccess<'de>> Deserializer<'de> for AfterType<A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for AfterType<A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(mut self, seed: S) -> Result<(S::Value, Self), A::Error> {
        let variant = self.0.next_value_seed(seed)?;
        Ok((variant, self))
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for AfterType<A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        while self.0.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        seed.deserialize(MapAccessDeserializer::new(self.0))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Map, &"an event object"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }
}

/// Read an RFC 3339 time as chrono does, without its general format
/// parser for the form gremium writes.
pub(crate) fn rfc3339<'de, D: Deserializer<'de>>(d: D) -> Result<At, D::Error> {
    struct TimeVisitor;
    impl Visitor<'_> for TimeVisitor {
        type Value = At;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 formatted date and time string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<At, E> {
            match parse_rfc3339(v) {
                Some(at) => Ok(at),
                None => v.parse().map_err(E::custom),
            }
        }
    }
    d.deserialize_str(TimeVisitor)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`, with at most nine fraction
/// digits and no leap second; `None` for anything else (chrono decides).
pub(crate) fn parse_rfc3339(s: &str) -> Option<At> {
    let b = s.as_bytes();
    if b.len() < 25 {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?
            .iter()
            .try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':')) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    let mut i = 19;
    let mut nanos = 0;
    if sep(i, b'.') {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        nanos = num(i + 1, digits)? * 10u32.pow(9 - digits as u32);
        i += 1 + digits;
    }
    if b.len() != i + 6 || !sep(i + 3, b':') {
        return None;
    }
    let sign = match b[i] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (oh, om) = (num(i + 1, 2)?, num(i + 4, 2)?);
    if oh > 23 || om > 59 || second > 59 || (sign < 0 && oh == 0 && om == 0) {
        return None;
    }
    let offset = FixedOffset::east_opt(sign * (oh * 3600 + om * 60) as i32)?;
    NaiveDate::from_ymd_opt(year as i32, month, day)?
        .and_hms_nano_opt(hour, minute, second, nanos)?
        .and_local_timezone(offset)
        .single()
}

impl super::Event {
    /// A line of a score entered or corrected exactly as gremium writes it
    /// (its fields in its order, no spaces, no escapes in a text), read
    /// without serde: all but a few lines of a long record are such lines.
    /// `None` for any other line, which serde reads as before. Every line
    /// this reads, serde reads to the same event
    /// (`tests::score_lines_read_as_serde_reads_them`).
    pub fn from_score_line(line: &str) -> Option<super::Event> {
        let mut c = Cursor { s: line, i: 0 };
        c.lit(r#"{"v":"#)?;
        let v = u32::try_from(c.uint()?).ok()?;
        c.lit(r#","seq":"#)?;
        let seq = c.uint()?;
        c.lit(r#","at":""#)?;
        let at = parse_rfc3339(c.text()?)?;
        c.lit(r#","actor":""#)?;
        let actor = match c.text()? {
            "chair" => super::Actor::Chair,
            "secretary" => super::Actor::Secretary,
            "system" => super::Actor::System,
            _ => return None,
        };
        c.lit(r#","prev":""#)?;
        let prev = super::Prev::from(c.text()?);
        c.lit(r#","event":{"type":""#)?;
        let corrected = match c.text()? {
            "score_entered" => false,
            "score_corrected" => true,
            _ => return None,
        };
        c.lit(r#","dossier":""#)?;
        let dossier = c.text()?.to_string();
        c.lit(r#","round":"#)?;
        let round = u32::try_from(c.uint()?).ok()?;
        c.lit(r#","member":""#)?;
        let member = c.text()?.to_string();
        c.lit(r#","criterion":""#)?;
        let criterion = c.text()?.to_string();
        c.lit(r#","value":"#)?;
        let value = c.number()?;
        // written only when there was a score before
        let previous = match corrected && c.lit(r#","previous":"#).is_some() {
            true => Some(c.number()?),
            false => None,
        };
        c.lit("}}")?;
        let event = match corrected {
            true => EventKind::ScoreCorrected { dossier, round, member, criterion, value, previous },
            false => EventKind::ScoreEntered { dossier, round, member, criterion, value },
        };
        (c.i == line.len()).then_some(super::Event { v, seq, at, actor, prev, event })
    }
}

/// Where [`super::Event::from_score_line`] is in its line.
struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.s.as_bytes().get(self.i..).unwrap_or_default()
    }

    /// Exactly `lit` next.
    fn lit(&mut self, lit: &str) -> Option<()> {
        self.rest().starts_with(lit.as_bytes()).then(|| self.i += lit.len())
    }

    /// A JSON integer without sign or leading zero that fits in a `u64`.
    fn uint(&mut self) -> Option<u64> {
        let digits = self.rest().iter().take_while(|b| b.is_ascii_digit()).count();
        let text = self.s.get(self.i..self.i + digits)?;
        if digits == 0 || (digits > 1 && text.starts_with('0')) {
            return None;
        }
        let n = text.parse().ok()?;
        self.i += digits;
        Some(n)
    }

    /// The text of a string whose opening quote was read, up to its
    /// closing one; `None` at a backslash or a control character, which
    /// serde reads (or refuses).
    fn text(&mut self) -> Option<&'a str> {
        let len = self.rest().iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if self.rest()[len] != b'"' {
            return None;
        }
        let text = self.s.get(self.i..self.i + len)?;
        self.i += len + 1;
        Some(text)
    }

    /// A JSON number, read by serde_json itself so that it is the same
    /// `f64` to the last bit.
    fn number(&mut self) -> Option<f64> {
        let b = self.rest();
        let mut n = usize::from(b.first() == Some(&b'-'));
        let int = b[n..].iter().take_while(|c| c.is_ascii_digit()).count();
        if int == 0 || (int > 1 && b[n] == b'0') {
            return None;
        }
        n += int;
        if b.get(n) == Some(&b'.') {
            let frac = b[n + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if frac == 0 {
                return None;
            }
            n += 1 + frac;
        }
        if matches!(b.get(n), Some(b'e' | b'E')) {
            n += 1;
            if matches!(b.get(n), Some(b'+' | b'-')) {
                n += 1;
            }
            let exp = b[n..].iter().take_while(|c| c.is_ascii_digit()).count();
            if exp == 0 {
                return None;
            }
            n += exp;
        }
        let value = serde_json::from_str::<f64>(self.s.get(self.i..self.i + n)?).ok()?;
        self.i += n;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn chrono(s: &str) -> Option<At> {
        s.parse().ok()
    }

    /// A long session keeps every counted action with its kind, so the
    /// largest variant sets the size of each: the large ones are boxed,
    /// and one grown inline shows here (a score correction is the largest
    /// that is not).
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn an_event_kind_is_as_small_as_a_score_correction() {
        assert_eq!(std::mem::size_of::<EventKind>(), 104);
    }

    #[test]
    fn the_fast_path_reads_what_chrono_reads() {
        for s in [
            "2026-11-26T09:00:00+01:00",
            "2026-11-26T09:00:00.5+01:00",
            "2026-11-26T09:00:00.123456789-05:30",
            "2026-11-26T23:59:59+00:00",
            "2024-02-29T00:00:00+14:00",
        ] {
            assert_eq!(parse_rfc3339(s), chrono(s), "{s}");
            assert!(parse_rfc3339(s).is_some(), "{s}");
        }
        // Left to chrono, which reads or refuses them.
        for s in [
            "2026-11-26T09:00:00Z",
            "2026-11-26 09:00:00+01:00",
            "2026-11-26T09:00:00-00:00",
            "2026-11-26T09:00:60+01:00",
            "2026-02-30T09:00:00+01:00",
            "2026-11-26T09:00:00.1234567891+01:00",
            "2026-11-26T09:00:00+01",
            "2026-11-26T09:00:00.+01:00",
        ] {
            assert_eq!(parse_rfc3339(s), None, "{s}");
        }
    }

    #[test]
    fn type_may_come_anywhere_and_must_be_there() {
        let kind = |s: &str| serde_json::from_str::<EventKind>(s);
        let opened = EventKind::AgendaItemOpened { dossier: "D1".into() };
        assert_eq!(kind(r#"{"type":"agenda_item_opened","dossier":"D1"}"#).unwrap(), opened);
        assert_eq!(kind(r#"{"dossier":"D1","type":"agenda_item_opened","new":[1]}"#).unwrap(), opened);
        let vote = r#"{"type":"vote_recorded","subject":{"kind":"dossier","dossier":"D1","outcome":{"kind":"admitted"}},"yes":1,"no":0,"abstain":0,"carried":true,"quorum":{"present":3,"required":3}}"#;
        assert!(matches!(kind(vote).unwrap(), EventKind::VoteRecorded(v) if v.yes == 1));
        assert_eq!(kind(r#"{"type":"duly_invited_confirmed"}"#).unwrap(), EventKind::DulyInvitedConfirmed {});
        assert!(kind(r#"{"dossier":"D1"}"#).unwrap_err().to_string().contains("missing field `type`"));
        assert!(
            kind(r#"{"type":"agenda_item_opened"}"#)
                .unwrap_err()
                .to_string()
                .contains("missing field `dossier`")
        );
        assert!(kind(r#"{"type":"no_such_event"}"#).unwrap_err().to_string().contains("unknown variant"));
        assert!(kind(r#"{"x":1,"type":7}"#).is_err());
    }

    /// Votes and decisions in every shape they take, for the readers to
    /// agree on.
    fn votes_and_decisions() -> Vec<EventKind> {
        use std::collections::BTreeMap;

        use crate::domain::{Ballot, Proposal, VoteQuorum, VoteSubject};
        let full = Vote {
            subject: VoteSubject::EnBloc {
                items: vec![
                    Proposal { dossier: "D1".into(), outcome: Outcome::Admitted },
                    Proposal { dossier: "D2".into(), outcome: Outcome::WaitingList { position: 2 } },
                    Proposal { dossier: "D3".into(), outcome: Outcome::NotAdmitted },
                    Proposal { dossier: "D4".into(), outcome: Outcome::Deferred },
                ],
            },
            motion: Some("Liste wie vorgeschlagen".into()),
            yes: 2,
            no: 2,
            abstain: 1,
            ballots: BTreeMap::from([
                ("a".to_string(), Ballot::Yes),
                ("b".to_string(), Ballot::Yes),
                ("c".to_string(), Ballot::No),
                ("d".to_string(), Ballot::No),
                ("e".to_string(), Ballot::Abstain),
            ]),
            tie_choice: Some(Ballot::Yes),
            carried: true,
            rationale: Some("„Begründung“".into()),
            departs_from_ranking: true,
            departing: vec!["D2".into()],
            over_budget: true,
            quorum: VoteQuorum { present: 5, required: 4 },
        };
        let plain = Vote {
            subject: VoteSubject::Dossier { dossier: "D1".into(), outcome: Outcome::NotAdmitted },
            motion: None,
            yes: 1,
            no: 3,
            abstain: 0,
            ballots: BTreeMap::new(),
            tie_choice: None,
            carried: false,
            rationale: None,
            departs_from_ranking: false,
            departing: Vec::new(),
            over_budget: false,
            quorum: VoteQuorum { present: 4, required: 4 },
        };
        let ballot = crate::domain::BallotImport {
            member: "b".into(),
            file: "ballot-b.json".into(),
            sha256: "ab".repeat(32),
            signer: Some("0123 4567".into()),
            written_at: "2026-11-20T18:00:00+01:00".parse().unwrap(),
            scores: vec![crate::domain::ImportedScore {
                dossier: "D1".into(),
                round: 1,
                criterion: "c1".into(),
                value: 3.5,
            }],
            refused: vec![crate::domain::BallotRefusal {
                dossier: "D2".into(),
                reason: crate::domain::BallotRefusalReason::Conflict,
            }],
            remarks: vec![crate::domain::BallotRemark { dossier: "D1".into(), text: "„gut“".into() }],
            replaces: Some(7),
        };
        vec![
            EventKind::BallotImported(Box::new(ballot)),
            EventKind::ReviewStarted { member: "b".into() },
            EventKind::ReviewScoreGiven { dossier: "D1".into(), criterion: "c1".into(), value: 2.5 },
            EventKind::ReviewNoteWritten { dossier: "D1".into(), text: "„privat“".into(), shared: false },
            EventKind::VoteRecorded(Box::new(full.clone())),
            EventKind::VoteRecorded(Box::new(plain)),
            EventKind::DecisionRecorded {
                dossier: "D4".into(),
                outcome: Outcome::Deferred,
                rationale: Some("Unterlagen fehlen".into()),
                departs_from_ranking: false,
                deferral: Some(DeferralReason::NotQuorate),
            },
            EventKind::DecisionRecorded {
                dossier: "D4".into(),
                outcome: Outcome::Deferred,
                rationale: None,
                departs_from_ranking: false,
                deferral: None,
            },
            EventKind::Amendment {
                reason: "Nachtrag".into(),
                change: Box::new(EventKind::VoteRecorded(Box::new(full))),
            },
        ]
    }

    #[test]
    fn both_readers_read_votes_and_decisions_as_written() {
        for kind in votes_and_decisions() {
            let written = serde_json::to_string(&kind).unwrap();
            assert!(written.starts_with(r#"{"type":"#), "{written}");
            assert_eq!(serde_json::from_str::<EventKind>(&written).unwrap(), kind, "{written}");
            // The same object with `type` last takes the general path.
            let mut value: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&written).unwrap();
            let tag = value.remove("type").unwrap();
            value.insert("type".into(), tag);
            let moved = serde_json::to_string(&value).unwrap();
            assert!(!moved.starts_with(r#"{"type":"#), "{moved}");
            assert_eq!(serde_json::from_str::<EventKind>(&moved).unwrap(), kind, "{moved}");
        }
    }

    fn score_line(
        dossier: &str,
        member: &str,
        value: f64,
        seq: u64,
        at: &str,
    ) -> (super::super::Event, String) {
        let kind = EventKind::ScoreEntered {
            dossier: dossier.into(),
            round: 1,
            member: member.into(),
            criterion: "c1".into(),
            value,
        };
        line_of(kind, seq, at)
    }

    fn line_of(kind: EventKind, seq: u64, at: &str) -> (super::super::Event, String) {
        let event = super::super::Event {
            v: 1,
            seq,
            at: at.parse().unwrap(),
            actor: super::super::Actor::Chair,
            prev: "ab".repeat(32).as_str().into(),
            event: kind,
        };
        let line = serde_json::to_string(&event).unwrap();
        (event, line)
    }

    fn correction(value: f64, previous: Option<f64>) -> EventKind {
        let (dossier, member, criterion) = ("D0001".into(), "m01".into(), "c1".into());
        EventKind::ScoreCorrected { dossier, round: 2, member, criterion, value, previous }
    }

    /// What serde reads from `line`, to the last bit of every number.
    fn by_serde(line: &str) -> Option<String> {
        serde_json::from_str::<super::super::Event>(line).ok().map(|e| format!("{e:?}"))
    }

    #[test]
    fn a_score_line_as_written_is_read_without_serde() {
        let (event, line) = score_line("D0001", "m01", 7.5, 42, "2026-11-26T09:00:00+01:00");
        assert_eq!(
            line,
            concat!(
                r#"{"v":1,"seq":42,"at":"2026-11-26T09:00:00+01:00","actor":"chair","prev":""#,
                "abababababababababababababababababababababababababababababababab",
                r#"","event":{"type":"score_entered","dossier":"D0001","round":1,"member":"m01","criterion":"c1","value":7.5}}"#
            )
        );
        assert_eq!(super::super::Event::from_score_line(&line), Some(event));
        // A correction, with and without the score it replaced.
        for previous in [Some(6.0), None] {
            let (event, line) = line_of(correction(7.5, previous), 43, "2026-11-26T09:01:00+01:00");
            assert_eq!(line.contains(r#","previous":6.0}}"#), previous.is_some(), "{line}");
            assert_eq!(super::super::Event::from_score_line(&line), Some(event));
        }
        // Left to serde: spaces, another order, an escape, another kind.
        for other in [
            line.replacen(r#""seq":42"#, r#""seq": 42"#, 1),
            line.replacen(r#""v":1,"seq":42"#, r#""seq":42,"v":1"#, 1),
            line.replacen("D0001", r"D\u0030001", 1),
            line.replacen("score_entered", "note_added", 1),
            line.replacen(r#""value":7.5"#, r#""value":7.5,"previous":6.0"#, 1),
            line.replacen(r#""value":7.5"#, r#""value":07.5"#, 1),
            format!("{line} "),
        ] {
            assert_eq!(super::super::Event::from_score_line(&other), None, "{other:?}");
        }
    }

    proptest! {
        /// Any score line gremium writes is read to what serde reads, and
        /// without serde unless a text needs an escape.
        #[test]
        fn score_lines_read_as_serde_reads_them(
            dossier in "[A-Za-z0-9äß\\\\\"\u{1}\u{7f}\u{2028} -]{0,12}",
            member in "[a-z0-9\"]{1,6}",
            value in prop_oneof![any::<f64>().prop_filter("finite", |v| v.is_finite()), (-40i32..40).prop_map(|h| f64::from(h) / 2.0)],
            seq in any::<u64>(),
            nanos in 0u32..1_000_000_000,
            corrected in any::<bool>(),
            previous in proptest::option::of(-40i32..40),
        ) {
            let at = format!("2026-11-26T09:00:00.{nanos:09}-03:30");
            let (dossier, member) = (dossier.as_str(), member.as_str());
            let kind = match corrected {
                true => EventKind::ScoreCorrected {
                    dossier: dossier.into(), round: 3, member: member.into(), criterion: "c1".into(),
                    value, previous: previous.map(|h| f64::from(h) / 2.0),
                },
                false => EventKind::ScoreEntered {
                    dossier: dossier.into(), round: 1, member: member.into(), criterion: "c1".into(), value,
                },
            };
            let (event, line) = line_of(kind, seq, &at);
            let fast = super::super::Event::from_score_line(&line);
            let plain = |t: &str| !t.chars().any(|c| c == '"' || c == '\\' || c < ' ');
            prop_assert_eq!(fast.is_some(), plain(dossier) && plain(member), "{}", line);
            if let Some(fast) = fast {
                prop_assert_eq!(Some(format!("{fast:?}")), by_serde(&line));
                prop_assert_eq!(fast, event);
            }
        }

        /// A line changed anywhere is read without serde only when serde
        /// reads it too, to the same event.
        #[test]
        fn a_changed_score_line_is_never_read_differently(
            at in 0usize..260,
            change in 0u8..3,
            c in prop::sample::select(vec!['"', '\\', ',', ':', '{', '}', '0', '1', '9', 'e', 'E', '-', '+', '.', ' ', 'x', 'ä', '\u{1}']),
            corrected in any::<bool>(),
        ) {
            let (_, line) = match corrected {
                true => line_of(correction(7.5, Some(6.0)), 42, "2026-11-26T09:00:00+01:00"),
                false => score_line("D0001", "m01", 7.5, 42, "2026-11-26T09:00:00+01:00"),
            };
            let mut chars: Vec<char> = line.chars().collect();
            let at = at.min(chars.len() - 1);
            match change {
                0 => chars[at] = c,
                1 => chars.insert(at, c),
                _ => { chars.remove(at); }
            }
            let changed: String = chars.into_iter().collect();
            if let Some(fast) = super::super::Event::from_score_line(&changed) {
                prop_assert_eq!(Some(format!("{fast:?}")), by_serde(&changed), "{}", changed);
            }
        }

        #[test]
        fn agrees_with_chrono_on_written_times(secs in -2_000_000_000i64..20_000_000_000, nanos in 0u32..1_000_000_000, off in -86_399i32..86_400) {
            let Some(offset) = FixedOffset::east_opt(off / 60 * 60) else { return Ok(()) };
            let Some(utc) = DateTime::from_timestamp(secs, nanos) else { return Ok(()) };
            let s = serde_json::to_value(utc.with_timezone(&offset)).unwrap();
            let s = s.as_str().unwrap();
            if let Some(fast) = parse_rfc3339(s) {
                let slow = chrono(s);
                prop_assert_eq!(Some(fast), slow);
                prop_assert_eq!(Some(*fast.offset()), slow.map(|t| *t.offset()));
            }
        }

        #[test]
        fn never_reads_differently_from_chrono(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,11})?[+-][0-9]{2}:[0-9]{2}") {
            if let Some(fast) = parse_rfc3339(&s) {
                let slow = chrono(&s);
                prop_assert_eq!(Some(fast), slow);
                prop_assert_eq!(Some(*fast.offset()), slow.map(|t| *t.offset()));
            }
        }
    }
}
