//! JSON Lines (one record a line) and JSON (one array) writers. Strings are
//! written terminal-safe (`text::write_json`): the same JSON values, with DEL,
//! C1 and bidi controls `\u`-escaped, since an export may be read on a terminal.

use std::io::Write;

use super::records::Record;

/// One JSON object per line.
pub fn write_jsonl<W: Write>(out: &mut W, records: &[Record]) -> std::io::Result<()> {
    for r in records {
        crate::text::write_json(&mut *out, r, false).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One JSON array, a record per line, for tools that load a whole document.
pub fn write_json<W: Write>(out: &mut W, records: &[Record]) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (i, r) in records.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        crate::text::write_json(&mut *out, r, false).map_err(std::io::Error::other)?;
    }
    out.write_all(b"\n]\n")
}
