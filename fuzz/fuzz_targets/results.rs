//! Arbitrary bytes as a results file: no panic, no hang, no raw control
//! character in what a user would be shown.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let shown = gremium::fuzzing::results_file(data);
    assert!(gremium::text::is_printable(&shown), "{shown:?}");
});
