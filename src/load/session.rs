//! The session definition: its own checks (ids, the chair, the scale, the
//! quorum), the dossier files it references, and the references back into
//! them (agenda, conflicts).

use std::path::{Component, Path, PathBuf};

use super::dossier::{DossierScope, FileKind, check_dossier_file, file_kind, number};
use super::position::Locator;
use super::suggest::did_you_mean;
use super::tree::{Doc, Kind};
use super::{Diagnostic, Finding, SCHEMAS, Source, agenda_order, json, locate};
use crate::domain::{Session, SessionDefinition, is_valid_id};

pub(super) struct SessionOutcome {
    /// The session file's diagnostics first, then those of its dossier files.
    pub diagnostics: Vec<Diagnostic>,
    /// The session, when nothing stopped it from loading (errors found by the
    /// semantic checks are in `diagnostics`).
    pub session: Option<Session>,
}

/// Check a session file and everything it references; `keep` says whether
/// to build the session (deserialize it and its dossiers) or only report.
/// Dossier files are read on the fast path first; when one of them is not
/// clean, everything is checked again on the spanned path (`fast.rs`).
pub(super) fn check_session(src: &dyn Source, path: &Path, bytes: &[u8], keep: bool) -> SessionOutcome {
    let (outcome, fast_failed) = check_session_once(src, path, bytes, keep, true);
    if fast_failed { check_session_once(src, path, bytes, keep, false).0 } else { outcome }
}

/// One run; the flag says that the fast path met a file that is not clean
/// (and the outcome is then empty).
fn check_session_once(
    src: &dyn Source,
    path: &Path,
    bytes: &[u8],
    keep: bool,
    fast: bool,
) -> (SessionOutcome, bool) {
    let parsed = json::parse(bytes);
    let mut findings = parsed.findings;
    let mut scope = DossierScope::new(None);
    scope.keep = keep;
    scope.fast = fast;
    let mut dossier_diagnostics = Vec::new();
    let mut definition = None;
    if let Some(doc) = &parsed.doc {
        if doc.kind(0) != Kind::Object {
            findings.push(Finding::error(0, "$".into(), "expected an object with a `format` field".into()));
        } else {
            SCHEMAS.session.check(doc, 0, &[], &mut findings);
            if keep && !findings.iter().any(Finding::is_error) {
                // The structural check read past a byte order mark; so does this.
                let bom = if doc.text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
                let text = &doc.text[bom..];
                match serde_json::from_str::<SessionDefinition>(text) {
                    Ok(d) => definition = Some(d),
                    // Where serde stopped, not the document's start.
                    Err(e) => {
                        let at = bom + super::json::offset_of(text, e.line(), e.column());
                        findings.push(Finding::error(at, "$".into(), e.to_string()))
                    }
                }
            }
            let mut c = SessionCheck { path, doc, locator: Locator::new(bytes), findings: &mut findings };
            c.ids_and_members();
            c.scale_and_quorum();
            scope.declared_checks = Some(c.ids_of("eligibility"));
            c.references(src, &mut scope, &mut dossier_diagnostics);
            if scope.fast_failed {
                return (SessionOutcome { diagnostics: Vec::new(), session: None }, true);
            }
            c.agenda_and_conflicts(&scope);
        }
    }
    let mut diagnostics = locate(path, bytes, findings);
    diagnostics.extend(dossier_diagnostics);
    let ok = !diagnostics.iter().any(|d| d.severity == super::Severity::Error);
    let session = definition.filter(|_| ok).map(|definition| {
        let mut dossiers = scope.dossiers;
        agenda_order(&mut dossiers, &definition.agenda);
        Session { definition, dossiers }
    });
    (SessionOutcome { diagnostics, session }, false)
}

struct SessionCheck<'p, 'd, 'a, 'f> {
    path: &'p Path,
    doc: &'d Doc<'a>,
    locator: Locator<'a>,
    findings: &'f mut Vec<Finding>,
}

impl SessionCheck<'_, '_, '_, '_> {
    fn at(&self, node: usize) -> usize {
        self.doc.node(node).start as usize
    }

    fn error(&mut self, node: usize, path: String, message: String) {
        let at = self.at(node);
        self.findings.push(Finding::error(at, path, message));
    }

    fn warning(&mut self, node: usize, path: String, message: String) {
        let at = self.at(node);
        self.findings.push(Finding::warning(at, path, message));
    }

    /// The elements of top-level array `list`.
    fn elements(&self, list: &str) -> Vec<usize> {
        self.doc.get(0, list).map(|l| self.doc.children(l).collect()).unwrap_or_default()
    }

    fn str_of(&self, obj: usize, key: &str) -> Option<String> {
        self.doc.get(obj, key).and_then(|v| self.doc.as_str(v)).map(|s| s.into_owned())
    }

    /// The valid ids in top-level list `list`, reporting duplicates.
    fn ids_of(&mut self, list: &str) -> Vec<String> {
        let what = match list {
            "members" => "member",
            "criteria" => "criterion",
            _ => "eligibility check",
        };
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (i, e) in self.elements(list).into_iter().enumerate() {
            let Some(node) = self.doc.get(e, "id") else { continue };
            let Some(id) = self.doc.as_str(node).filter(|id| is_valid_id(id)).map(|s| s.into_owned()) else {
                continue;
            };
            if let Some(&(_, first)) = seen.iter().find(|(s, _)| *s == id) {
                let (line, column) = self.locator.position(self.at(first));
                let msg = format!("{what} id `{id}` also defined at {}:{line}:{column}", self.path.display());
                self.error(node, format!("$.{list}[{i}].id"), msg);
            } else {
                seen.push((id, node));
            }
        }
        seen.into_iter().map(|(id, _)| id).collect()
    }

    fn ids_and_members(&mut self) {
        self.ids_of("members");
        self.ids_of("criteria");
        let mut chairs = Vec::new();
        let mut deputies: Vec<(usize, usize)> = Vec::new();
        let mut voting = 0usize;
        for (i, m) in self.elements("members").into_iter().enumerate() {
            let role = self.str_of(m, "role");
            let votes = self.doc.get(m, "voting").map(|v| self.doc.raw(v));
            if let Some(node) = self.doc.get(m, "deputy").filter(|&d| self.doc.raw(d) == "true") {
                let why = match role.as_deref() {
                    Some("chair") => Some("the chair cannot be its own deputy; name another voting member"),
                    _ if role.as_deref() == Some("advisory") || votes == Some("false") => {
                        Some("the deputy chairs and decides ties, so it must be a voting member")
                    }
                    _ => None,
                };
                match why {
                    Some(why) => self.error(node, format!("$.members[{i}].deputy"), why.into()),
                    None => deputies.push((i, node)),
                }
            }
            if let Some(node) = self.doc.get(m, "public_key")
                && let Some(why) = self.str_of(m, "public_key").and_then(|k| public_key_problem(&k))
            {
                self.error(node, format!("$.members[{i}].public_key"), why.into());
            }
            if role.as_deref() == Some("chair") {
                chairs.push((i, m));
            }
            if role.as_deref() == Some("advisory") && votes == Some("true") {
                let node = self.doc.get(m, "voting").unwrap_or(m);
                self.error(
                    node,
                    format!("$.members[{i}].voting"),
                    "an advisory member cannot vote; set `voting` to false or leave it out".into(),
                );
            }
            if matches!(role.as_deref(), Some("chair" | "member")) && votes != Some("false") {
                voting += 1;
            }
        }
        if let [(first, _), (i, node), ..] = deputies[..] {
            let first_id = self.elements("members").get(first).and_then(|&m| self.str_of(m, "id"));
            let msg = format!(
                "a second deputy beside `{}`: at most one member is the deputy",
                first_id.unwrap_or_default()
            );
            self.error(node, format!("$.members[{i}].deputy"), msg);
        }
        if self.doc.get(0, "place").is_none() {
            self.warning(
                0,
                "$".into(),
                "no `place`: the minutes must say where the committee met (§ 93 VwVfG), and sign-off needs it".into(),
            );
        }
        let Some(members) = self.doc.get(0, "members").filter(|&m| self.doc.kind(m) == Kind::Array) else {
            return;
        };
        match chairs.as_slice() {
            [] if self.doc.children(members).next().is_some() => self.error(
                members,
                "$.members".into(),
                "no chair: exactly one member needs the role `chair`".into(),
            ),
            [] | [_] => {}
            [_, (i, second), ..] => {
                let names: Vec<String> = chairs
                    .iter()
                    .map(|&(_, m)| format!("`{}`", self.str_of(m, "id").unwrap_or_default()))
                    .collect();
                let count = if chairs.len() == 2 { "two".to_string() } else { chairs.len().to_string() };
                let node = self.doc.get(*second, "role").unwrap_or(*second);
                self.error(
                    node,
                    format!("$.members[{i}].role"),
                    format!(
                        "{count} chairs: {}; exactly one member has the role `chair`",
                        names.join(" and ")
                    ),
                );
            }
        }
        let rules = self.doc.get(0, "rules");
        let quorum = rules.and_then(|r| self.doc.get(r, "quorum"));
        let min_present = quorum.and_then(|q| number(self.doc, q, "min_present")).unwrap_or(3.0);
        if min_present > voting as f64 {
            let (node, path) = match quorum.and_then(|q| self.doc.get(q, "min_present")) {
                Some(n) => (n, "$.rules.quorum.min_present".to_string()),
                None => (members, "$.members".to_string()),
            };
            self.warning(
                node,
                path,
                format!(
                    "the quorum needs {min_present} voting members present, but only {voting} member(s) vote: the committee can never decide"
                ),
            );
        }
    }

    fn scale_and_quorum(&mut self) {
        let Some(scale) = self.doc.get(0, "scale").filter(|&s| self.doc.kind(s) == Kind::Object) else {
            return;
        };
        let min = number(self.doc, scale, "min").unwrap_or(0.0);
        let max = number(self.doc, scale, "max").unwrap_or(4.0);
        let step = number(self.doc, scale, "step").unwrap_or(1.0);
        let node = |key| self.doc.get(scale, key).unwrap_or(scale);
        if min >= max {
            let n = node("max");
            self.error(
                n,
                "$.scale".into(),
                format!("the scale's minimum {min} must be below its maximum {max}"),
            );
        } else if step > 0.0 {
            let steps = (max - min) / step;
            if (steps - steps.round()).abs() > 1e-9 * steps.max(1.0) {
                let n = node("step");
                self.error(
                    n,
                    "$.scale.step".into(),
                    format!("the scale from {min} to {max} does not divide into steps of {step}"),
                );
            } else if steps > 1000.0 {
                let n = node("step");
                self.error(
                    n,
                    "$.scale.step".into(),
                    format!("the scale from {min} to {max} in steps of {step} has more than 1000 steps"),
                );
            }
        }
    }

    fn references(&mut self, src: &dyn Source, scope: &mut DossierScope, out: &mut Vec<Diagnostic>) {
        let base = self.path.parent().unwrap_or(Path::new(""));
        let mut files: Vec<(PathBuf, usize)> = Vec::new();
        let refs = self.elements("dossiers");
        if refs.is_empty()
            && let Some(node) = self.doc.get(0, "dossiers")
        {
            self.warning(node, "$.dossiers".into(), "the session references no dossier files".into());
        }
        for (i, r) in refs.into_iter().enumerate() {
            let Some(reference) = self.doc.as_str(r) else { continue };
            let target = base.join(reference.as_ref());
            let listed = if src.is_dir(&target) {
                match src.read_dir(&target) {
                    Ok(entries) => {
                        let json: Vec<PathBuf> = entries
                            .into_iter()
                            .filter(|p| p.extension().is_some_and(|e| e == "json"))
                            .collect();
                        if json.is_empty() {
                            let msg = format!("the folder `{reference}` holds no .json files");
                            self.warning(r, format!("$.dossiers[{i}]"), msg);
                        }
                        json
                    }
                    Err(e) => {
                        self.error(
                            r,
                            format!("$.dossiers[{i}]"),
                            format!("cannot read the folder `{reference}`: {e}"),
                        );
                        continue;
                    }
                }
            } else {
                vec![target]
            };
            for file in listed {
                let key = normalize(&file);
                if let Some(&(_, first)) = files.iter().find(|(f, _)| *f == key) {
                    let msg = format!("`{}` is already referenced by $.dossiers[{first}]", file.display());
                    self.warning(r, format!("$.dossiers[{i}]"), msg);
                    continue;
                }
                files.push((key, i));
                match src.read(&file) {
                    Ok(bytes) => out.extend(check_dossier_file(&file, &bytes, scope)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        let msg = format!("`{}` does not exist", file.display());
                        self.error(r, format!("$.dossiers[{i}]"), msg);
                    }
                    Err(e) => {
                        let msg = format!("cannot read `{}`: {e}", file.display());
                        self.error(r, format!("$.dossiers[{i}]"), msg);
                    }
                }
            }
        }
    }

    fn agenda_and_conflicts(&mut self, scope: &DossierScope) {
        let known = |id: &str| scope.ids.contains_key(id);
        let hint = |id: &str| did_you_mean(id, scope.ids.keys().map(String::as_str));
        let mut seen: Vec<String> = Vec::new();
        for (i, a) in self.elements("agenda").into_iter().enumerate() {
            let Some(id) = self.doc.as_str(a).map(|s| s.into_owned()) else { continue };
            if !known(&id) {
                let msg = format!("the agenda names unknown dossier `{id}`{}", hint(&id));
                self.error(a, format!("$.agenda[{i}]"), msg);
            } else if seen.contains(&id) {
                self.warning(a, format!("$.agenda[{i}]"), format!("dossier `{id}` is already on the agenda"));
            }
            seen.push(id);
        }
        for (i, r) in self.elements("reinvited").into_iter().enumerate() {
            if let (Some(d), Some(node)) = (self.str_of(r, "dossier"), self.doc.get(r, "dossier"))
                && !known(&d)
            {
                let msg = format!("unknown dossier `{d}`{}", hint(&d));
                self.error(node, format!("$.reinvited[{i}].dossier"), msg);
            }
        }
        let members = self.ids_of_quiet("members");
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (i, c) in self.elements("conflicts").into_iter().enumerate() {
            let member = self.str_of(c, "member");
            let dossier = self.str_of(c, "dossier");
            if let (Some(m), Some(node)) = (&member, self.doc.get(c, "member"))
                && !members.contains(m)
            {
                let h = did_you_mean(m, members.iter().map(String::as_str));
                self.error(node, format!("$.conflicts[{i}].member"), format!("unknown member `{m}`{h}"));
            }
            if let (Some(d), Some(node)) = (&dossier, self.doc.get(c, "dossier"))
                && !known(d)
            {
                self.error(
                    node,
                    format!("$.conflicts[{i}].dossier"),
                    format!("unknown dossier `{d}`{}", hint(d)),
                );
            }
            if let (Some(m), Some(d)) = (member, dossier) {
                if pairs.iter().any(|(pm, pd)| *pm == m && *pd == d) {
                    let msg = format!("the conflict of `{m}` on `{d}` is declared twice");
                    self.warning(c, format!("$.conflicts[{i}]"), msg);
                }
                pairs.push((m, d));
            }
        }
    }

    /// Every id string in top-level list `list`, without reporting anything.
    fn ids_of_quiet(&self, list: &str) -> Vec<String> {
        self.elements(list).into_iter().filter_map(|e| self.str_of(e, "id")).collect()
    }
}

/// A path with `.` and `..` resolved lexically, to spot a file referenced twice.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether a parsed file is a session definition.
pub(super) fn is_session(doc: &Doc<'_>) -> bool {
    doc.kind(0) == Kind::Object && file_kind(doc, 0).0 == FileKind::Session
}

/// What is wrong with a member's `public_key`: it must be an Ed25519 public
/// key, as PEM (SubjectPublicKeyInfo) or `ed25519:` and the base64 of its
/// 32 bytes (PRODUCT.md §4).
fn public_key_problem(text: &str) -> Option<&'static str> {
    use base64::Engine;
    use ed25519_dalek::VerifyingKey;
    use ed25519_dalek::pkcs8::DecodePublicKey;
    let text = text.trim();
    let ok = if text.starts_with("-----BEGIN") {
        VerifyingKey::from_public_key_pem(text).is_ok()
    } else if let Some(b64) = text.strip_prefix("ed25519:") {
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .is_some_and(|b| VerifyingKey::from_bytes(&b).is_ok())
    } else {
        return Some(
            "not a public key: give the PEM `gremium keygen --member` writes, or `ed25519:` and the base64 of the 32 key bytes",
        );
    };
    if ok {
        None
    } else {
        Some("not an Ed25519 public key (PEM of RFC 8410, or `ed25519:` and 32 bytes in base64)")
    }
}
