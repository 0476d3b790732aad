//! Arbitrary bytes as an input file: no panic, no hang, no raw control
//! character in what a user would be shown.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let shown = gremium::fuzzing::input_file(data);
    assert!(gremium::text::is_printable(&shown), "{shown:?}");
});
