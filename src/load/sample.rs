//! Generated dossier collections for benchmarks and tests of large inputs.

use std::fmt::Write as _;

/// A valid `gremium.dossiers/1` collection of at least `min_bytes` bytes,
/// pretty-printed like a secretariat's export, with non-ASCII text and escapes.
pub fn sample_collection(min_bytes: usize) -> String {
    let mut out = String::with_capacity(min_bytes + 4096);
    out.push_str("{\n  \"format\": \"gremium.dossiers/1\",\n  \"dossiers\": [\n");
    let mut i = 0usize;
    while out.len() < min_bytes || i == 0 {
        if i > 0 {
            out.push_str(",\n");
        }
        let _ = write!(
            out,
            r#"    {{
      "id": "D-{i:06}",
      "municipality": "Stadt Nummer {i}",
      "ags": "{ags:08}",
      "county": "Landkreis Groß-Gerau",
      "region": "Darmstadt",
      "rural": {rural},
      "area": {{ "name": "Quartier Nord-Ost {i}", "hectares": {ha}.5, "residents": {res}, "kind": "Großwohnsiedlung" }},
      "submitted": "2026-0{month}-1{day}",
      "summary": "Das Quartier ist geprägt von hoher Arbeitslosigkeit, Kinderarmut und einem sanierungsbedürftigen Wohnungsbestand; \"Leerstand\" im Zentrum.\nZweite Zeile mit Ümlauten und € Zeichen.",
      "deficits": ["Leerstand im Zentrum", "fehlende Grünflächen", "Lärmbelastung durch Verkehr"],
      "indicators": [
        {{ "key": "sgb2", "label": "SGB-II-Quote", "unit": "%", "area": 18.3, "city": 9.1, "state": 7.4, "year": 2025, "source": "BA", "higher_is_worse": true }},
        {{ "key": "kinderarmut", "label": "Kinderarmut", "unit": "%", "area": 31.0, "city": 15.2, "state": 12.0, "year": 2025, "source": "BA", "higher_is_worse": true }}
      ],
      "concept": {{ "isek": "adopted", "isek_date": "2025-03-12", "fields_of_action": ["Wohnen", "Bildung", "Grün"], "climate": "Entsiegelung", "citywide": "ja" }},
      "participation": {{ "quarter_management": "planned", "formats": ["Stadtteilkonferenz"], "local_partnership": true }},
      "measures": [
        {{ "title": "Stadtteilzentrum", "category": "Gemeinbedarf", "cost_eur": 2500000, "start_year": 2027, "end_year": 2030 }},
        {{ "title": "Spielplatz \u00e4 \"neu\"", "cost_eur": 300000, "start_year": 2028, "end_year": 2029 }}
      ],
      "funding": {{ "requested_eur": 1200000, "total_cost_eur": 4000000, "municipal_share_percent": 10.0, "budget_recovery": false }},
      "eligibility": {{}},
      "contact": {{ "name": "Frau X", "role": "Amt", "email": "x@example.org", "phone": "+49 611 0" }},
      "attachments": [{{ "title": "ISEK", "path": "isek.pdf" }}],
      "notes": "keine"
    }}"#,
            ags = 6_400_000 + i % 100_000,
            rural = i.is_multiple_of(3),
            ha = 10 + i % 40,
            res = 4000 + i,
            month = 1 + i % 9,
            day = i % 9,
        );
        i += 1;
    }
    out.push_str("\n  ]\n}\n");
    out
}
