//! JSON Lines (one record a line) and JSON (one array) writers.

use std::io::Write;

use super::records::Record;

/// One JSON object per line.
pub fn write_jsonl<W: Write>(out: &mut W, records: &[Record]) -> std::io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *out, r).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One JSON array, a record per line, for tools that load a whole document.
pub fn write_json<W: Write>(out: &mut W, records: &[Record]) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (i, r) in records.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, r).map_err(std::io::Error::other)?;
    }
    out.write_all(b"\n]\n")
}
