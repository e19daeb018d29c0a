//! zongjie's own files are never read as reports: an export (CSV, JSON Lines,
//! JSON) or a review-store or recovery file left inside a corpus folder would
//! otherwise come back as input, its figures counted again (214 became 807).
//! They are told by their first bytes, whatever their names.

/// How far into a file its opening is looked at.
const HEAD: usize = 4096;

/// What the bytes are, if they are one of zongjie's own files.
pub fn own_file(bytes: &[u8]) -> Option<&'static str> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &b[..b.len().min(HEAD)];
    if head.starts_with(b"file,report,title,") {
        return Some("a zongjie CSV export");
    }
    let t = trim_start(head);
    let obj = trim_start(t.strip_prefix(b"[").unwrap_or(t));
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if obj.starts_with(b"{\"file\":") && has(b"\"byte_start\":") && has(b"\"report\":") {
        return Some("a zongjie JSON export");
    }
    if t.starts_with(b"{")
        && (has(b"\"schema\": \"zongjie.review/")
            || has(b"\"schema\":\"zongjie.review/")
            || has(b"\"schema\": \"zongjie.recovery/"))
    {
        return Some("a zongjie review-store file");
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_files_are_told_by_their_opening() {
        for (bytes, own) in [
            (&b"file,report,title,org,org_level"[..], true),
            (b"\xEF\xBB\xBFfile,report,title,org", true),
            (
                b"{\"file\":\"a.txt\",\"report\":\"r1\",\"byte_start\":3}\n",
                true,
            ),
            (
                b"[\n{\"file\":\"a.txt\",\"report\":\"r1\",\"byte_start\":3}",
                true,
            ),
            (
                b"{\n  \"schema\": \"zongjie.review/2\",\n  \"file\": \"a\"}",
                true,
            ),
            ("一、加强宣传\n培训1800多名妇女".as_bytes(), false),
            (b"file,report", false),
            (b"{\"file\": \"notes\"}", false),
        ] {
            assert_eq!(
                own_file(bytes).is_some(),
                own,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
