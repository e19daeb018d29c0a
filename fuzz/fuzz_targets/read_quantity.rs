//! The number reader on any string: no panic, and what it reads is a usable value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(q) = zongjie::figures::read_quantity(s) {
        for v in [q.value, q.value_max].into_iter().flatten() {
            assert!(v.is_finite(), "{s:?} read as {v}");
        }
        // What `zongjie figure` prints must serialise.
        serde_json::to_string(&q).expect("quantity serialises");
    }
});
