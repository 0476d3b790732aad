//! Dossier files, holding one dossier (`gremium.dossier/1`) or a collection
//! (`gremium.dossiers/1`): structure, ids unique across every file of a
//! session, eligibility answers only for declared checks, plausibility.

use std::collections::HashMap;
use std::path::Path;

use super::check::shorten;
use super::position::Locator;
use super::suggest::did_you_mean;
use super::tree::{Doc, Kind};
use super::{Diagnostic, Finding, SCHEMAS, json, locate};
use crate::domain::{DOSSIER_FORMAT, DOSSIERS_FORMAT, Dossier, SESSION_FORMAT};

/// What the files of one session (or one `validate` run) share.
pub(super) struct DossierScope {
    /// Where each dossier id was first defined, as `file:line:column`.
    pub ids: HashMap<String, String>,
    /// The eligibility checks the session declares; `None` outside a session.
    pub declared_checks: Option<Vec<String>>,
    /// Every dossier that loaded cleanly, in file order.
    pub dossiers: Vec<Dossier>,
    /// Whether to deserialize dossiers at all: `validate` only reports.
    pub keep: bool,
    /// Whether to try the one-pass reading of a clean file first
    /// (`fast.rs`); off for the second, spanned run after it failed.
    pub fast: bool,
    /// A file was not clean on the fast path: the run is to be made again
    /// on the spanned path, which says what and where.
    pub fast_failed: bool,
}

impl DossierScope {
    pub fn new(declared_checks: Option<Vec<String>>) -> Self {
        DossierScope {
            ids: HashMap::new(),
            declared_checks,
            dossiers: Vec::new(),
            keep: true,
            fast: true,
            fast_failed: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileKind {
    Session,
    Dossier,
    Collection,
}

/// The kind of a file from its `format`, or guessed from its fields when the
/// format is missing or unknown; the flag says whether `format` is present.
pub(super) fn file_kind(doc: &Doc<'_>, root: usize) -> (FileKind, bool) {
    let format = doc.get(root, "format").and_then(|f| doc.as_str(f));
    let kind = match format.as_deref() {
        Some(SESSION_FORMAT) => FileKind::Session,
        Some(DOSSIERS_FORMAT) => FileKind::Collection,
        Some(DOSSIER_FORMAT) => FileKind::Dossier,
        _ if ["members", "criteria", "budget"].iter().any(|k| doc.get(root, k).is_some()) => {
            FileKind::Session
        }
        _ if doc.get(root, "dossiers").is_some() => FileKind::Collection,
        _ => FileKind::Dossier,
    };
    (kind, doc.get(root, "format").is_some())
}

/// Check one dossier file and add its clean dossiers to the scope.
/// On the fast path a file is read in one pass and reports nothing; one
/// that is not clean marks the scope, and the caller runs again spanned.
pub(super) fn check_dossier_file(path: &Path, bytes: &[u8], scope: &mut DossierScope) -> Vec<Diagnostic> {
    if scope.fast {
        if !scope.fast_failed && !read_clean(bytes, scope) {
            scope.fast_failed = true;
        }
        return Vec::new();
    }
    check_parsed_dossier_file(path, bytes, json::parse(bytes), scope)
}

/// The fast path (`fast.rs`): true when the file is clean, its ids new to
/// the scope; its dossiers are then in the scope (when kept).
pub(super) fn read_clean(bytes: &[u8], scope: &mut DossierScope) -> bool {
    let Some(read) = super::fast::dossier_file(bytes, scope.declared_checks.as_deref(), scope.keep) else {
        return false;
    };
    let ids = read.ids();
    let mut fresh = std::collections::HashSet::with_capacity(ids.len());
    if !ids.iter().all(|id| !scope.ids.contains_key(*id) && fresh.insert(*id)) {
        return false;
    }
    // where an id was defined is needed only for a message about a second
    // definition, and that message comes from the spanned path
    scope.ids.reserve(ids.len());
    scope.ids.extend(ids.into_iter().map(|id| (id.to_string(), String::new())));
    if let super::fast::Read::Kept(mut dossiers) = read {
        if scope.dossiers.is_empty() {
            scope.dossiers = dossiers;
        } else {
            scope.dossiers.append(&mut dossiers);
        }
    }
    true
}

/// [`check_dossier_file`] for a file parsed already.
pub(super) fn check_parsed_dossier_file(
    path: &Path,
    bytes: &[u8],
    parsed: json::Parsed<'_>,
    scope: &mut DossierScope,
) -> Vec<Diagnostic> {
    let mut findings = parsed.findings;
    if let Some(doc) = &parsed.doc {
        check_doc(path, bytes, doc, scope, &mut findings);
    }
    locate(path, bytes, findings)
}

fn check_doc(
    path: &Path,
    bytes: &[u8],
    doc: &Doc<'_>,
    scope: &mut DossierScope,
    findings: &mut Vec<Finding>,
) {
    let root = 0;
    if doc.kind(root) != Kind::Object {
        findings.push(Finding::error(0, "$".into(), "expected an object with a `format` field".into()));
        return;
    }
    let (kind, has_format) = file_kind(doc, root);
    match kind {
        FileKind::Session => {
            let at = doc.get(root, "format").map_or(0, |f| doc.node(f).start as usize);
            findings.push(Finding::error(
                at,
                "$.format".into(),
                format!(
                    "expected `{DOSSIER_FORMAT}` or `{DOSSIERS_FORMAT}`: a session definition cannot be used as a dossier file"
                ),
            ));
            return;
        }
        FileKind::Dossier => {
            if !has_format {
                findings.push(Finding::error(
                    0,
                    "$".into(),
                    format!("missing required field `format` (`{DOSSIER_FORMAT}`)"),
                ));
            }
            SCHEMAS.dossier.check(doc, root, &[], findings);
        }
        FileKind::Collection => SCHEMAS.collection.check(doc, root, &[], findings),
    }
    let mut errors: Vec<usize> = findings.iter().filter(|f| f.is_error()).map(|f| f.offset).collect();
    errors.sort_unstable();
    let locator = Locator::new(bytes);
    let mut each = |node: usize, prefix: String| {
        check_dossier(path, doc, node, &prefix, &locator, scope, findings);
        if scope.keep && clean(doc, node, &errors) {
            match serde_json::from_str::<Dossier>(doc.raw(node)) {
                Ok(d) => scope.dossiers.push(d),
                Err(e) => findings.push(Finding::error(doc.node(node).start as usize, prefix, e.to_string())),
            }
        }
    };
    match kind {
        FileKind::Collection => {
            let Some(list) = doc.get(root, "dossiers") else { return };
            for (i, d) in doc.children(list).enumerate() {
                if doc.kind(d) == Kind::Object {
                    each(d, format!("$.dossiers[{i}]"));
                }
            }
        }
        _ => each(root, "$".into()),
    }
}

/// True when no error lies inside the node's span.
pub(super) fn clean(doc: &Doc<'_>, node: usize, sorted_errors: &[usize]) -> bool {
    let n = doc.node(node);
    let i = sorted_errors.partition_point(|&o| o < n.start as usize);
    sorted_errors.get(i).is_none_or(|&o| o >= n.end as usize)
}

/// The number in member `key` of object `obj`, if it is one.
pub(super) fn number(doc: &Doc<'_>, obj: usize, key: &str) -> Option<f64> {
    let v = doc.get(obj, key)?;
    (doc.kind(v) == Kind::Number).then(|| doc.raw(v).parse().ok()).flatten()
}

fn check_dossier(
    path: &Path,
    doc: &Doc<'_>,
    d: usize,
    prefix: &str,
    locator: &Locator<'_>,
    scope: &mut DossierScope,
    findings: &mut Vec<Finding>,
) {
    if let Some(id_node) = doc.get(d, "id")
        && let Some(id) = doc.as_str(id_node)
        && crate::domain::is_valid_id(&id)
    {
        let at = doc.node(id_node).start as usize;
        match scope.ids.get(id.as_ref()) {
            Some(first) => findings.push(Finding::error(
                at,
                format!("{prefix}.id"),
                format!("dossier id `{id}` also defined at {first}"),
            )),
            None => {
                let (line, column) = locator.position(at);
                scope.ids.insert(id.into_owned(), format!("{}:{line}:{column}", path.display()));
            }
        }
    }
    if let (Some(declared), Some(elig)) = (&scope.declared_checks, doc.get(d, "eligibility")) {
        for (k, _) in doc.members(elig) {
            let key = doc.str(k);
            if !declared.iter().any(|c| *c == key) {
                let hint = did_you_mean(&key, declared.iter().map(String::as_str));
                let mut p = format!("{prefix}.eligibility");
                super::tree::push_key(&mut p, &key);
                findings.push(Finding::error(
                    doc.node(k).start as usize,
                    p,
                    format!("eligibility check `{}` is not declared in the session{hint}", shorten(&key)),
                ));
            }
        }
    }
    if let Some(measures) = doc.get(d, "measures") {
        for (j, m) in doc.children(measures).enumerate() {
            if let (Some(start), Some(end)) = (number(doc, m, "start_year"), number(doc, m, "end_year"))
                && end < start
                && let Some(node) = doc.get(m, "end_year")
            {
                findings.push(Finding::warning(
                    doc.node(node).start as usize,
                    format!("{prefix}.measures[{j}].end_year"),
                    format!("the measure ends ({end}) before it starts ({start})"),
                ));
            }
        }
    }
    if let Some(funding) = doc.get(d, "funding")
        && let (Some(requested), Some(total)) =
            (number(doc, funding, "requested_eur"), number(doc, funding, "total_cost_eur"))
        && requested > total
        && let Some(node) = doc.get(funding, "requested_eur")
    {
        findings.push(Finding::warning(
            doc.node(node).start as usize,
            format!("{prefix}.funding.requested_eur"),
            format!("the requested funding ({requested} EUR) exceeds the total cost ({total} EUR)"),
        ));
    }
}
