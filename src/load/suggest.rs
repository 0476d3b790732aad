//! "Did you mean" hints for misspelled field names, ids and enum values.

/// `, did you mean `x`?` for the closest candidate, or nothing when none is
/// close enough to be a plausible typo.
pub fn did_you_mean<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    closest(name, candidates).map(|c| format!(", did you mean `{c}`?")).unwrap_or_default()
}

/// The candidate closest to `name`, when it is a plausible typo of it.
pub fn closest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_names() {
        let known = ["requested_eur", "total_cost_eur", "budget_recovery"];
        assert_eq!(did_you_mean("requsted_eur", known), ", did you mean `requested_eur`?");
        assert_eq!(did_you_mean("Requested_EUR", known), ", did you mean `requested_eur`?");
        assert_eq!(did_you_mean("colour", known), "");
    }
}
