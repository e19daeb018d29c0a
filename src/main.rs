//! The zongjie command line: wires the library and the workstation together.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zongjie::load::{self, Input};
use zongjie::pipeline;

#[derive(Parser)]
#[command(
    name = "zongjie",
    version,
    about = "Review the figures in Chinese work reports (总结)"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Parse report pages and print their reports, outlines and figures.
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
        /// The review store folder (default: `zongjie-reviews` inside the first folder).
        #[arg(long)]
        store: Option<PathBuf>,
        /// The name written on each decision (default: the user name).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Read quantity expressions (one per argument, or per line of `-`) and print their values as JSON lines.
    Figure {
        #[arg(default_value = "-")]
        texts: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Parse { paths, format }) => cmd_parse(&paths, format),
        Some(Command::Figure { texts }) => cmd_figure(&texts),
        Some(Command::Review {
            paths,
            store,
            reviewer,
        }) => cmd_review(paths, store, reviewer),
        None => cmd_review(vec![PathBuf::from("data")], None, None),
    }
}

fn cmd_review(paths: Vec<PathBuf>, store: Option<PathBuf>, reviewer: Option<String>) -> ExitCode {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        eprintln!("zongjie: review needs a terminal; for scripts use `zongjie parse`");
        return ExitCode::from(2);
    }
    match zongjie::tui::run(zongjie::tui::Options {
        paths,
        store,
        reviewer,
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zongjie: {e}");
            ExitCode::from(1)
        }
    }
}

fn cmd_parse(paths: &[PathBuf], format: Format) -> ExitCode {
    let (inputs, mut diags) = load::collect_inputs(paths);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    use std::io::Write;
    for input in &inputs {
        let doc = match load::load(input) {
            Ok(d) => d,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let parsed = pipeline::parse_document(&doc);
        let r = match format {
            Format::Json => serde_json::to_writer(&mut out, &parsed)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out)),
            Format::Text => write!(out, "{}", render_text(&parsed)),
        };
        if r.is_err() {
            return ExitCode::SUCCESS; // stdout closed (a pipe to `head`): nothing more to say
        }
        let _ = matches!(input, Input::Stdin);
    }
    let _ = out.flush();
    for d in &diags {
        eprintln!("zongjie: {d}");
    }
    if diags.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn render_text(p: &zongjie::model::ParsedFile) -> String {
    let mut s = format!("{} ({})\n", p.file, p.encoding);
    for r in &p.reports {
        s += &format!("  {}  [{}]\n", r.title, r.id);
        for sec in &r.sections {
            s += &format!(
                "  {}{}{}\n",
                "  ".repeat(sec.level as usize),
                sec.marker,
                sec.title
            );
        }
    }
    s
}

/// One JSON line per expression, in input order: the values, or the reason it cannot be read.
fn cmd_figure(texts: &[String]) -> ExitCode {
    use std::io::{BufRead, Write};
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut emit = |text: &str| -> std::io::Result<()> {
        let line = match zongjie::figures::read_quantity(text) {
            Ok(q) => {
                let mut v = serde_json::to_value(&q).unwrap_or_default();
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("text".into(), text.into());
                }
                v
            }
            Err(e) => serde_json::json!({ "text": text, "error": e }),
        };
        writeln!(out, "{line}")
    };
    for t in texts {
        if t == "-" {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else {
                    return ExitCode::from(1);
                };
                if emit(line.trim_end_matches('\r')).is_err() {
                    return ExitCode::SUCCESS;
                }
            }
        } else if emit(t).is_err() {
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}
