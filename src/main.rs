//! The zongjie command line: wires the library and the workstation together.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zongjie::load;
use zongjie::pipeline;
use zongjie::text::json_string;

mod export_cmd;
mod output;
mod parse_text;
mod progress_bar;
mod team_cmd;
use export_cmd::{ExportFormat, cmd_export};
use output::say;
use progress_bar::Bar;

/// mimalloc keeps freed pages for the next file instead of handing them back to
/// the kernel and faulting them in again: with the system allocator a tenth of a
/// corpus parse went to zeroing fresh pages and to malloc's own bookkeeping.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "zongjie",
    version,
    about = "Review the figures in Chinese work reports (总结)"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Skip any input larger than this, judged before it is read: bytes, or a
    /// number with K, M or G (`300M`).
    #[arg(long, global = true, value_name = "SIZE", value_parser = output::parse_size, default_value = "256M")]
    max_file_size: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Parse report pages and print their reports, outlines and figures.
    /// A bar on standard error shows how far a long run is (when it is a
    /// terminal and standard output is not).
    Parse {
        /// Files or folders (walked recursively); `-` reads standard input.
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Review the figures in a workstation (the default: `zongjie` = `zongjie review data`).
    Review {
        /// Files or folders (walked recursively).
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// The review store folder (default: `zongjie-reviews` inside the first folder);
        /// with `--adjudicate`, each reviewer's store.
        #[arg(long)]
        store: Vec<PathBuf>,
        /// The name written on each decision (default: the user name).
        #[arg(long)]
        reviewer: Option<String>,
        /// Adjudicate: settle the differences between the reviewers' stores named by
        /// `--store` (two or more; none when this store's team.json names them), writing the
        /// adjudicated decisions to this store.
        #[arg(long, value_name = "DIR")]
        adjudicate: Option<PathBuf>,
    },
    /// Read quantity expressions (one per argument, or per line of `-`) and print their values as JSON lines.
    Figure {
        #[arg(default_value = "-")]
        texts: Vec<String>,
    },
    /// Export every figure (extracted, corrected, added) with its review, one record per figure.
    Export {
        /// Files or folders (walked recursively); `-` reads standard input.
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// Review store folder (default: `zongjie-reviews/` in the first folder, or beside the
        /// first file). Several reviewers' stores may be named: the adjudicated one is exported.
        #[arg(long)]
        store: Vec<PathBuf>,
        /// Export this reviewer's decisions (a name, or a store folder's name) instead of
        /// the adjudicated ones.
        #[arg(long)]
        reviewer: Option<String>,
        /// Add each reviewer's status and values beside every figure (`<name>_status`, …).
        #[arg(long)]
        per_reviewer: bool,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Write here instead of standard output (written whole, or not at all);
        /// a regular file only, `-` for standard output (not a terminal for xlsx).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Which figures: all, reviewed (any decision), accepted (accepted, corrected, added).
        #[arg(long, value_enum, default_value_t = zongjie::export::records::StatusFilter::All)]
        status: zongjie::export::records::StatusFilter,
        /// Start CSV with a UTF-8 byte order mark, for spreadsheet programs.
        #[arg(long)]
        bom: bool,
        /// Write CSV text cells as they are, even those that begin with `=`, `+`,
        /// `-`, `@`, a tab or CR (by default they get a `'` in front: a spreadsheet
        /// would run them as formulas).
        #[arg(long)]
        raw_cells: bool,
    },
    /// Agreement between reviewers: Cohen's κ and Krippendorff's α per field, per report and overall.
    Agree {
        /// Files or folders (walked recursively).
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// Each reviewer's store folder (two or more), or an adjudication store (it names them).
        #[arg(long, required = true)]
        store: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Count reports, figures, flags, review progress, orphaned decisions and accepted totals.
    Stats {
        /// Files or folders (walked recursively); `-` reads standard input.
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// Review store folder (default as for `export`).
        #[arg(long)]
        store: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Json,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    load::set_max_file_size(cli.max_file_size);
    match cli.command {
        Some(Command::Parse { paths, format }) => cmd_parse(&paths, format),
        Some(Command::Figure { texts }) => cmd_figure(&texts),
        Some(Command::Export {
            paths,
            store,
            reviewer,
            per_reviewer,
            format,
            out,
            status,
            bom,
            raw_cells,
        }) => {
            let csv = zongjie::export::csv::CsvOptions { bom, raw_cells };
            match team_cmd::export_source(&paths, &store, reviewer.as_deref(), per_reviewer) {
                Ok(src) => cmd_export(&paths, &src, format, out, status, csv),
                Err(e) => {
                    say!("{e}; nothing written");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Agree {
            paths,
            store,
            format,
        }) => team_cmd::cmd_agree(&paths, &store, format),
        Some(Command::Stats {
            paths,
            store,
            format,
        }) => cmd_stats(&paths, store, format),
        Some(Command::Review {
            paths,
            store,
            reviewer,
            adjudicate,
        }) => match team_cmd::review_stores(&store, adjudicate) {
            Ok((store, team)) => cmd_review(paths, store, reviewer, team),
            Err(e) => {
                say!("{e}");
                ExitCode::from(2)
            }
        },
        None => cmd_review(vec![PathBuf::from("data")], None, None, None),
    }
}

fn cmd_review(
    paths: Vec<PathBuf>,
    store: Option<PathBuf>,
    reviewer: Option<String>,
    adjudicate: Option<zongjie::review::team::Team>,
) -> ExitCode {
    use std::io::IsTerminal;
    // Before the terminal is touched: a path that is not there is a mistake to
    // say, not an empty workstation (nor a store folder made beside it).
    let missing: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && !p.exists())
        .collect();
    if !missing.is_empty() {
        for p in missing {
            say!("review: {}: no such file or folder", p.display());
        }
        return ExitCode::from(2);
    }
    if !std::io::stdout().is_terminal() {
        say!("review needs a terminal; for scripts use `zongjie parse`");
        return ExitCode::from(2);
    }
    match zongjie::tui::run(zongjie::tui::Options {
        paths,
        store,
        reviewer,
        adjudicate,
    }) {
        Ok(zongjie::tui::Exit::Clean) => ExitCode::SUCCESS,
        Ok(zongjie::tui::Exit::Recovered(p)) => {
            say!(
                "some decisions could not be saved to the review store; they are in {} \
                 (each entry of \"reviews\" is a store file's content)",
                p.display()
            );
            ExitCode::from(1)
        }
        Ok(zongjie::tui::Exit::Abandoned(n)) => {
            say!("quit with the decisions on {n} report(s) not saved");
            ExitCode::from(1)
        }
        Err(e) => {
            say!("{e}");
            ExitCode::from(1)
        }
    }
}

fn cmd_parse(paths: &[PathBuf], format: Format) -> ExitCode {
    use std::io::Write;
    use zongjie::pipeline::Progress;
    let (inputs, mut diags) = load::collect_inputs(paths);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = None;
    let mut bar = Bar::new("parse", progress_bar::Output::Streamed);
    bar.start(inputs.len());
    zongjie::ordered::map_ordered(
        &inputs,
        |input| render_input(input, format),
        |(pieces, _)| pieces.iter().map(Vec::len).sum(),
        |(pieces, notes)| {
            bar.advance();
            diags.extend(notes);
            // A full disk or a closed pipe stops the run, and says so.
            let written = pieces.iter().try_for_each(|p| out.write_all(p));
            written.map_err(|e| failed = Some(e)).is_ok()
        },
    );
    let flushed = out.flush();
    bar.finish();
    for d in &diags {
        say!("{d}");
    }
    if let Some(e) = failed.or(flushed.err()) {
        return output::output_failed(&e);
    }
    if diags.iter().any(|d| d.skipped) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Load, parse and print one input: its output (UTF-8, in pieces to write one
/// after the other) and what to tell the user.
fn render_input(input: &load::Input, format: Format) -> (Vec<Vec<u8>>, Vec<load::Diagnostic>) {
    let doc = match load::load(input) {
        Ok(d) => d,
        Err(d) => return (Vec::new(), vec![d]),
    };
    let notes = doc
        .notes
        .iter()
        .map(|n| load::Diagnostic::note(doc.path.clone(), n.clone()))
        .collect();
    let text = match format {
        // Bytes, not a String: serde_json writes UTF-8, and checking it again
        // to make a String cost 1.3 % of a corpus parse (callgrind).
        // the bytes `json_string` writes, without serde (see `parse_json`)
        Format::Json => zongjie::parse_json::document_pieces(&doc),
        Format::Text => vec![parse_text::render_text(&pipeline::parse_document(&doc)).into_bytes()],
    };
    (text, notes)
}

/// One JSON line per expression, in input order: the values, or the reason it
/// cannot be read (a line of `-` that is not UTF-8 included, then exit 1).
fn cmd_figure(texts: &[String]) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut unread = 0usize;
    let mut run = || -> Result<(), Failure> {
        for t in texts {
            if t == "-" {
                unread += figure_lines(&mut out)?;
            } else {
                writeln!(out, "{}", figure_json(t, None)).map_err(Failure::Output)?;
            }
        }
        out.flush().map_err(Failure::Output)
    };
    match run() {
        Err(Failure::Output(e)) => output::output_failed(&e),
        Err(Failure::Input(e)) => {
            say!("standard input: {e}");
            ExitCode::from(1)
        }
        Ok(()) if unread > 0 => {
            say!("standard input: {unread} line(s) not read (not UTF-8, or too long)");
            ExitCode::from(1)
        }
        Ok(()) => ExitCode::SUCCESS,
    }
}

/// Which side of `figure -` failed.
enum Failure {
    Input(std::io::Error),
    Output(std::io::Error),
}

/// Every line of standard input through [`figure_json`]; returns how many lines
/// could not be read as text.
fn figure_lines(out: &mut impl std::io::Write) -> Result<usize, Failure> {
    let mut input = std::io::stdin().lock();
    let (mut buf, mut unread) = (Vec::new(), 0);
    while let Some(long) =
        output::read_line_capped(&mut input, &mut buf, output::MAX_EXPRESSION_BYTES)
            .map_err(Failure::Input)?
    {
        let line = buf.strip_suffix(b"\r").unwrap_or(&buf);
        let why = match std::str::from_utf8(line) {
            _ if long => Some("line too long"),
            Err(_) => Some("not UTF-8"),
            Ok(_) => None,
        };
        unread += usize::from(why.is_some());
        let text = String::from_utf8_lossy(line);
        writeln!(out, "{}", figure_json(&text, why)).map_err(Failure::Output)?;
    }
    Ok(unread)
}

/// One expression's JSON line: its reading, or why it has none.
fn figure_json(text: &str, unreadable: Option<&str>) -> String {
    let value = match unreadable.map_or_else(
        || zongjie::figures::read_quantity(text),
        |why| Err(why.to_string()),
    ) {
        Ok(q) => {
            let mut v = serde_json::to_value(&q).unwrap_or_default();
            if let Some(obj) = v.as_object_mut() {
                obj.insert("text".into(), text.into());
            }
            v
        }
        Err(e) => serde_json::json!({ "text": text, "error": e }),
    };
    json_string(&value, false)
}

fn cmd_stats(paths: &[PathBuf], store: Option<PathBuf>, format: Format) -> ExitCode {
    use zongjie::export::{self, stats};
    let dir = store.unwrap_or_else(|| zongjie::review::default_store_dir(paths));
    let store = zongjie::review::Store::reader(&dir);
    let mut builder = stats::StatsBuilder::default();
    let mut bar = Bar::new("stats", progress_bar::Output::AtTheEnd);
    let g = export::for_each_file(paths, &store, &mut bar, |f| builder.add(&f));
    bar.finish();
    let mut problems: Vec<String> = g.skipped.iter().chain(&g.blocking).cloned().collect();
    problems.sort();
    problems.dedup();
    let st = builder.finish(g.orphaned);
    for n in &g.notes {
        say!("{n}");
    }
    let text = match format {
        Format::Json => json_string(&st, true) + "\n",
        Format::Text => stats::render_text(&st),
    };
    let written = output::write_stdout(text.as_bytes());
    for p in &problems {
        say!("{p}");
    }
    if let Err(e) = written {
        return output::output_failed(&e);
    }
    if problems.is_empty() && st.offset_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
