//! Bytes to text: detect the encoding (BOM, UTF-8, then chardetng for the
//! legacy Chinese encodings), refuse what is not text.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// A decoded text: BOM removed, line endings as in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// Canonical name: `UTF-8`, `GB18030`, `Big5`, `UTF-16LE`, `UTF-16BE`, …
    pub encoding: &'static str,
    /// Things the user should know but that did not stop the decode
    /// (invalid bytes replaced, a UTF-16 file with no BOM).
    pub notes: Vec<String>,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a text file: NUL bytes, control characters or a known binary signature.
    Binary(String),
    /// Text in no encoding we read.
    Undecodable(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary(why) => write!(f, "not a text file ({why})"),
            DecodeError::Undecodable(why) => write!(f, "cannot decode ({why})"),
        }
    }
}

/// Share of invalid bytes under which a mostly-UTF-8 file is read as UTF-8 with
/// the bad bytes replaced (a scraper's cut), rather than refused.
const MAX_INVALID_UTF8_SHARE: f64 = 0.01;

/// How much of a file the encoding detector reads at most.
const DETECT_BYTES: usize = 64 * 1024;
/// Non-ASCII bytes (about 500 characters of Chinese) after which it has seen
/// enough. chardetng is costly per byte: reading up to 64 KB of each GB18030 file
/// (a tenth of the benchmark corpus) it took about 12 % of a whole parse.
const DETECT_NON_ASCII_BYTES: usize = 1024;
/// Non-ASCII bytes (about 32 characters of Chinese) the first guess reads.
/// chardetng costs about 2,000 instructions a byte it reads, and it reads every
/// byte from the first non-ASCII one on: at 256 the guesses took 18.8 M of a
/// 690.8 M parse of /tmp/bench-sub (32 GB18030 files), at 64 they take 6.4 M.
/// The decision (this guess if the file decodes in it, else the fallbacks) is
/// the one made at 256 on 74,546 texts: every page of /tmp/bench10k,
/// /tmp/heldout and the shared corpora and gold files, the UTF-8 ones written
/// in GB18030 and in Big5, each also read from a line start a third and two
/// thirds in (`quick_guess_decides_as_at_256`, run by hand). At 32 it still
/// is; at 16 one text differs (JSON Lines, mostly ASCII, taken for Cyrillic),
/// at 8 twenty. A wrong guess of Big5 as GBK would pass the strict decode, but
/// none of these made it, nor any at 4 (23,486 texts, openings only): Big5's
/// frequent characters are rare ones in GBK.
const QUICK_NON_ASCII_BYTES: usize = 64;

/// Decode a file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(enc, &bytes[bom_len..], Vec::new());
    }
    if let Some(sig) = binary_signature(bytes) {
        return Err(DecodeError::Binary(sig.to_string()));
    }
    if memchr::memchr(0, bytes).is_some() {
        return decode_utf16_without_bom(bytes);
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        check_controls(s)?;
        return Ok(Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            notes: Vec::new(),
        });
    }
    decode_not_utf8(bytes)
}

/// Decode bytes that are not UTF-8 and hold no BOM, binary signature or NUL
/// byte: UTF-8 with a few bad bytes, else a legacy encoding.
fn decode_not_utf8(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let invalid = invalid_utf8_bytes(bytes, 64);
    // A text that is UTF-8 but for a few bad bytes is a UTF-8 text with damage.
    if (invalid as f64) <= MAX_INVALID_UTF8_SHARE * bytes.len() as f64 && invalid <= 64 {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        let note = format!("{invalid} invalid UTF-8 byte(s) replaced with U+FFFD");
        let d = Decoded {
            text: owned(text),
            encoding: "UTF-8",
            notes: vec![note],
        };
        check_controls(&d.text)?;
        return Ok(d);
    }
    decode_legacy(bytes, QUICK_NON_ASCII_BYTES)
}

/// Decode bytes in the legacy encoding chardetng guesses from the first
/// `quick_non_ascii` non-ASCII bytes.
fn decode_legacy(bytes: &[u8], quick_non_ascii: usize) -> Result<Decoded, DecodeError> {
    // The quick guess is taken when the whole file decodes in it; otherwise the
    // full guess and the fallbacks decide, as they did before there was one.
    let quick = guess_legacy_encoding(bytes, quick_non_ascii);
    if let Ok(d) = decode_strict(quick, bytes, Vec::new()) {
        return Ok(d);
    }
    let mut last_err = None;
    for enc in [
        guess_legacy_encoding(bytes, DETECT_NON_ASCII_BYTES),
        GB18030,
        BIG5,
    ] {
        match decode_strict(enc, bytes, Vec::new()) {
            Ok(d) => return Ok(d),
            Err(e) => last_err = Some(e),
        }
    }
    Err(last_err.unwrap_or_else(|| DecodeError::Undecodable("no encoding fits".into())))
}

/// Decode bytes the caller gives up: a UTF-8 text (most files) becomes the
/// text without a copy, so a 200 MB page is not held twice while it is read.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let bom = Encoding::for_bom(&bytes);
    let utf8_bom = bom.is_some_and(|(enc, _)| enc == UTF_8);
    if utf8_bom {
        bytes.drain(..3);
    }
    // One scan of the opening for control bytes (the one `check_controls`
    // starts with) also clears it of NUL bytes, a control too: the NUL search
    // reads only the rest, nothing for most files (`decode_owned` 48.4 M ->
    // 46.9 M on bench-sub, callgrind).
    let quiet = !opening_may_hold_control(&bytes);
    let plain = bom.is_none() && binary_signature(&bytes).is_none() && !holds_nul(&bytes, quiet);
    if utf8_bom || plain {
        match utf8_text(bytes) {
            Ok(text) => {
                if !quiet {
                    count_controls(&text)?;
                }
                return Ok(Decoded {
                    text,
                    encoding: "UTF-8",
                    notes: Vec::new(),
                });
            }
            Err(b) if utf8_bom => return decode_strict(UTF_8, &b, Vec::new()),
            // What `decode` would test again is known: no BOM, signature or NUL
            // byte, not UTF-8 (a second UTF-8 check and NUL search of each
            // legacy file: `load` 43.3 M -> 43.0 M on bench-sub, callgrind).
            Err(b) => return decode_not_utf8(&b),
        }
    }
    decode(&bytes)
}

/// Files up to this size are validated by simdutf8 and copied; larger ones are
/// validated in place, so a 200 MB page is not held twice while it is read.
const COPY_MAX_BYTES: usize = 16 << 20;

/// The bytes as a `String` if they are UTF-8, else the bytes back. simdutf8
/// validates Chinese text many times faster than `std` (which took 45 M
/// instructions of a 1,387 M corpus parse, callgrind); the copy it then needs
/// costs a tenth of that.
fn utf8_text(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if bytes.len() > COPY_MAX_BYTES {
        return String::from_utf8(bytes).map_err(|e| e.into_bytes());
    }
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(bytes),
    }
}

/// The verdict on a file from its opening alone, when the opening already says
/// it is not text: a binary signature, or more NUL bytes than a damaged text
/// has together with a NUL code unit, which no UTF-16 text holds. [`decode`]
/// of the whole file would refuse it as well; this spares reading the rest.
pub fn sniff(head: &[u8]) -> Option<DecodeError> {
    if Encoding::for_bom(head).is_some() {
        return None;
    }
    if let Some(sig) = binary_signature(head) {
        return Some(DecodeError::Binary(sig.to_string()));
    }
    let nuls = head.iter().filter(|&&b| b == 0).count();
    let nul_unit = head.chunks_exact(2).any(|u| u == [0, 0]);
    (nuls > MAX_STRAY_NULS && nul_unit).then(|| {
        DecodeError::Binary(format!(
            "{nuls} NUL byte(s) in its first {} KiB",
            head.len() / 1024
        ))
    })
}

/// The legacy encoding chardetng reads in the file's opening. The opening
/// tells the encoding: a few thousand bytes of Chinese tell GB18030 from Big5,
/// and reading all of a 20 MB page would not tell more.
fn guess_legacy_encoding(bytes: &[u8], non_ascii_bytes: usize) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let opening = &bytes[..bytes.len().min(DETECT_BYTES)];
    let enough = opening
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.is_ascii())
        .nth(non_ascii_bytes)
        .map_or(opening.len(), |(i, _)| i);
    // `last` only when the whole file went in: a prefix is not the stream's end.
    detector.feed(&opening[..enough], enough == bytes.len());
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Decode in one encoding, refusing malformed input.
fn decode_strict(
    enc: &'static Encoding,
    bytes: &[u8],
    notes: Vec<String>,
) -> Result<Decoded, DecodeError> {
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => {
            let d = Decoded {
                text: owned(text),
                encoding: canonical_name(enc),
                notes,
            };
            check_controls(&d.text)?;
            Ok(d)
        }
        None => Err(DecodeError::Undecodable(format!(
            "malformed {}",
            canonical_name(enc)
        ))),
    }
}

/// A decoder's text as an owned string of its own size: encoding_rs allocates
/// for the worst case (three times a GB18030 file's size), and that room
/// stayed allocated for as long as the text lived.
fn owned(text: std::borrow::Cow<'_, str>) -> String {
    let mut text = text.into_owned();
    text.shrink_to_fit();
    text
}

/// Our names for encodings: GBK files are read as GB18030, its superset.
fn canonical_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 || enc == encoding_rs::GBK {
        "GB18030"
    } else {
        enc.name()
    }
}

/// NUL bytes with no BOM: UTF-16 if one byte order decodes to sensible text, else binary.
fn decode_utf16_without_bom(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.len().is_multiple_of(2) {
        let even_nuls = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd_nuls = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let enc = if odd_nuls >= even_nuls {
            UTF_16LE
        } else {
            UTF_16BE
        };
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes)
            && !text.contains('\0')
            && check_controls(&text).is_ok()
            && looks_like_text(&text)
        {
            let note = format!("no byte order mark; read as {}", enc.name());
            return Ok(Decoded {
                text: owned(text),
                encoding: enc.name(),
                notes: vec![note],
            });
        }
    }
    let n = bytes.iter().filter(|&&b| b == 0).count();
    // A few stray NULs in a page (a scraper's slip) do not make it binary: drop
    // them and read the rest, which must then pass as text on its own.
    if n <= MAX_STRAY_NULS && n * 100 <= bytes.len() {
        let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
        if let Ok(mut d) = decode(&kept) {
            d.notes.push(format!("{n} stray NUL byte(s) dropped"));
            return Ok(d);
        }
    }
    Err(DecodeError::Binary(format!("{n} NUL byte(s)")))
}

/// At most this many NUL bytes (and at most 1 % of the file) are taken for damage.
const MAX_STRAY_NULS: usize = 64;

/// Mostly letters, CJK, digits, punctuation and white space.
fn looks_like_text(s: &str) -> bool {
    let total = s.chars().count().max(1);
    let odd = s
        .chars()
        .filter(|c| {
            let u = *c as u32;
            (0xE000..=0xF8FF).contains(&u) || (0xD800..=0xDFFF).contains(&u) || *c == '\u{FFFD}'
        })
        .count();
    odd * 20 < total
}

/// Characters `check_controls` reads at most.
const CONTROL_SAMPLE_CHARS: usize = 65_536;
/// The bytes that hold those characters at most.
const CONTROL_SAMPLE_BYTES: usize = 4 * CONTROL_SAMPLE_CHARS;

/// A text with many control characters is not a report.
fn check_controls(s: &str) -> Result<(), DecodeError> {
    // With no control in the bytes that hold the characters read, there is
    // nothing to count (nearly every file).
    if !opening_may_hold_control(s.as_bytes()) {
        return Ok(());
    }
    count_controls(s)
}

/// Whether the bytes holding the characters `check_controls` reads may hold a control.
fn opening_may_hold_control(b: &[u8]) -> bool {
    may_hold_control(&b[..b.len().min(CONTROL_SAMPLE_BYTES)])
}

/// Whether `bytes` hold a NUL byte, when `quiet_opening` says the opening
/// `opening_may_hold_control` reads has none (NUL is a control it looks for).
fn holds_nul(bytes: &[u8], quiet_opening: bool) -> bool {
    let from = if quiet_opening {
        bytes.len().min(CONTROL_SAMPLE_BYTES)
    } else {
        0
    };
    memchr::memchr(0, &bytes[from..]).is_some()
}

/// `check_controls` once the text may hold a control: count them.
fn count_controls(s: &str) -> Result<(), DecodeError> {
    // By bytes, as `char::is_control` would answer on the first 65,536
    // characters: C0 controls and DEL are one byte, C1 controls `C2 80`–`C2 9F`
    // (U+0085, a line end, is allowed). Counts over a slice, with no early exit,
    // run on whole vectors; decoding each character cost 3 % of a corpus parse
    // (callgrind).
    let b = s.as_bytes();
    let is_char_start = |x: &u8| (*x as i8) >= -0x40;
    let cut = if b.len() <= CONTROL_SAMPLE_CHARS {
        b.len()
    } else {
        b.iter()
            .enumerate()
            .filter(|(_, x)| is_char_start(x))
            .nth(CONTROL_SAMPLE_CHARS)
            .map_or(b.len(), |(i, _)| i)
    };
    let head = &b[..cut];
    let count = |f: fn(u8) -> bool| count_bytes(head, f);
    let chars = count(|x| (x as i8) >= -0x40);
    let c0 =
        count(|x| x < 0x20 || x == 0x7F) - count(|x| matches!(x, b'\n' | b'\r' | b'\t' | 0x0C));
    // C1 controls are rare: look at the bytes after each `C2`
    let c1 = memchr::memchr_iter(0xC2, head)
        .filter(|&i| {
            head.get(i + 1)
                .is_some_and(|&n| (0x80..=0x9F).contains(&n) && n != 0x85)
        })
        .count();
    let controls = c0 + c1;
    if controls > 0 && controls * 50 > chars {
        return Err(DecodeError::Binary(format!(
            "{controls} control characters"
        )));
    }
    Ok(())
}

/// Whether `b` may hold a control character `check_controls` counts: a C0
/// control but the four of white space, DEL (one pass on whole vectors), or a
/// C1 control `C2 80`–`C2 9F` but U+0085 (the rare `C2` bytes looked at).
/// Counting by bytes in four passes took 14 M instructions of a corpus parse;
/// white space by a range and one exception, not four tests: `decode_owned`
/// 35.2 -> 34.9 M on bench-sub. (The `C2` test in the same pass, blocks with a hit then looked at byte by
/// byte, was not vectorized: 7.3 M -> 13.9 M on bench-sub, callgrind.)
fn may_hold_control(b: &[u8]) -> bool {
    let c0 = b.chunks(4096).any(|block| {
        block.iter().fold(false, |hit, &x| {
            // `\t \n \x0C \r` are 9..=13 but 11: two tests, not four
            let space = (x.wrapping_sub(9) <= 4) & (x != 11);
            hit | (((x < 0x20) | (x == 0x7F)) & !space)
        })
    });
    c0 || memchr::memchr_iter(0xC2, b).any(|i| {
        b.get(i + 1)
            .is_some_and(|&n| (0x80..=0x9F).contains(&n) && n != 0x85)
    })
}

/// How many bytes of `b` pass `f`: one comparison a byte, no branch, summed in
/// bytes over blocks of 255 so that it runs 16 bytes an instruction (a sum in
/// `usize` widens every byte first, and cost 20 instructions a byte, callgrind).
fn count_bytes(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    b.chunks(255)
        .map(|block| usize::from(block.iter().fold(0u8, |n, &x| n + u8::from(f(x)))))
        .sum()
}

/// The invalid UTF-8 bytes in `bytes`, counted up to the first count over
/// `cap`: a file in a legacy encoding has that many within its first lines.
fn invalid_utf8_bytes(bytes: &[u8], cap: usize) -> usize {
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        invalid += chunk.invalid().len();
        if invalid > cap {
            break;
        }
    }
    invalid
}

/// Magic numbers of common binary formats that could sit in a scraped folder.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (docx/xlsx?)"),
        (b"\xD0\xCF\x11\xE0", "an OLE document (doc/xls?)"),
        (b"\x7FELF", "an executable"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    SIGS.iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, d)| *d)
}

#[cfg(test)]
mod tests;
