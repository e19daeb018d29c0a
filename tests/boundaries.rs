//! What zongjie may touch: only its store folder and the export file asked for;
//! never an input file; and errors name paths as the user wrote them.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::cli::{BIN, assert_exit, assert_stderr_contains, stderr};
use common::pty;
use portable_pty::CommandBuilder;

/// A temp folder with `data/samples`, a HOME and a TMPDIR of its own.
fn workspace() -> tempfile::TempDir {
    let dir = common::corpus::workspace();
    std::fs::create_dir_all(dir.path().join("tmp")).unwrap();
    dir
}

fn run(ws: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(ws)
        .env("HOME", ws.join("home"))
        .env("XDG_CONFIG_HOME", ws.join("home/.config"))
        .env("TMPDIR", ws.join("tmp"))
        .output()
        .unwrap()
}

/// Every file and folder under `root`, relative, with its content (folders: None).
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).min_depth(1) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
        let body = e
            .file_type()
            .is_file()
            .then(|| std::fs::read(e.path()).unwrap());
        out.insert(rel, body);
    }
    out
}

/// A short review session in a real terminal: open the first report, accept,
/// reject, undo, redo, add a note, quit.
fn review_session(ws: &Path) {
    review_session_traced(ws, None)
}

/// The session, run under `strace -o trace` when `trace` is given.
fn review_session_traced(ws: &Path, trace: Option<&Path>) {
    let cmd = match trace {
        Some(t) => {
            let mut c = CommandBuilder::new("strace");
            c.args(STRACE_ARGS);
            c.arg("-o");
            c.arg(t);
            c.arg(BIN);
            c
        }
        None => CommandBuilder::new(BIN),
    };
    let mut cmd = pty::review_args(cmd, ws, &[]);
    cmd.env("TMPDIR", ws.join("tmp"));
    let mut s = pty::spawn(cmd);
    s.wait_for("the list", |t| {
        t.contains("reports done") && t.contains("ready: ")
    });
    for keys in [&b"\r"[..], b"a", b"x", b"a", b"u", b"\x12", b"c"] {
        s.send(keys);
        std::thread::sleep(Duration::from_millis(80));
    }
    s.send(b"boundary note\r");
    std::thread::sleep(Duration::from_millis(200));
    s.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(100));
    s.send(b"q");
    let until = Instant::now() + Duration::from_secs(10);
    while s.child.try_wait().unwrap().is_none() {
        if Instant::now() > until {
            // Maybe a question is open: say yes, then give up.
            let _ = s.try_send(b"q");
            std::thread::sleep(Duration::from_millis(500));
            if s.child.try_wait().unwrap().is_none() {
                let _ = s.child.kill();
                panic!("the workstation did not quit");
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_review_session_and_an_export_write_only_the_store_and_the_export_file() {
    let ws = workspace();
    let before = snapshot(ws.path());
    review_session(ws.path());
    let out = run(
        ws.path(),
        &["export", "--format", "csv", "--out", "out.csv", "data"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stats = run(ws.path(), &["stats", "data"]);
    assert_eq!(stats.status.code(), Some(0), "{}", stderr(&stats));
    let parse = run(ws.path(), &["parse", "data"]);
    assert_eq!(parse.status.code(), Some(0), "{}", stderr(&parse));
    let after = snapshot(ws.path());

    let store = Path::new("data/zongjie-reviews");
    let mut changed = Vec::new();
    for (p, body) in &after {
        if before.get(p) != Some(body) {
            changed.push(p.clone());
        }
    }
    for p in before.keys() {
        assert!(after.contains_key(p), "{} was removed", p.display());
    }
    let stray: Vec<&PathBuf> = changed
        .iter()
        .filter(|p| !(p.starts_with(store) || p.as_path() == Path::new("out.csv")))
        .collect();
    assert!(
        stray.is_empty(),
        "written outside the store and the export: {stray:?}"
    );
    assert!(
        changed
            .iter()
            .any(|p| p.starts_with(store) && p.extension().is_some_and(|e| e == "json")),
        "the session saved its decisions: {changed:?}"
    );
    assert!(changed.iter().any(|p| p == Path::new("out.csv")));
    // No temp file left anywhere, and the lock is gone after a clean quit.
    for p in after.keys() {
        let name = p.file_name().unwrap().to_string_lossy();
        assert!(!name.starts_with(".tmp"), "temp file left: {}", p.display());
    }
    assert!(
        !ws.path().join("data/zongjie-reviews/.lock").exists(),
        "lock left after q"
    );
}

#[test]
fn export_refuses_to_overwrite_an_input_file() {
    let ws = workspace();
    let input = "data/samples/000_c894158fcb275fac.txt";
    let original = std::fs::read(ws.path().join(input)).unwrap();
    let other_spelling = format!("./data/../{input}");
    std::os::unix::fs::symlink(ws.path().join(input), ws.path().join("link.txt")).unwrap();
    std::fs::hard_link(ws.path().join(input), ws.path().join("hard.txt")).unwrap();
    for out_path in [input, other_spelling.as_str(), "link.txt", "hard.txt"] {
        let out = run(
            ws.path(),
            &["export", "--format", "jsonl", "--out", out_path, "data"],
        );
        assert_exit(&out, 1, &format!("--out {out_path}"));
        assert_stderr_contains(&out, &format!("{out_path}: is an input file"));
        assert_eq!(
            std::fs::read(ws.path().join(input)).unwrap(),
            original,
            "input untouched"
        );
    }
    // A file given on its own (not in a folder) is an input too.
    let out = run(ws.path(), &["export", "--out", input, input]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(std::fs::read(ws.path().join(input)).unwrap(), original);
    // The store's own files are not an export's place either.
    let out = run(
        ws.path(),
        &["export", "--out", "data/zongjie-reviews/x.json", "data"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!ws.path().join("data/zongjie-reviews/x.json").exists());
    // An ordinary new file is fine.
    let out = run(ws.path(), &["export", "--out", "fine.csv", "data"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn errors_name_paths_as_the_user_wrote_them() {
    let ws = workspace();
    let abs = ws.path().display().to_string();
    let check = |out: &Output, want: &str| {
        let err = stderr(out);
        assert!(err.contains(want), "wanted {want:?} in:\n{err}");
        assert!(
            !err.contains(&abs),
            "an absolute path the user never wrote:\n{err}"
        );
    };
    let out = run(ws.path(), &["parse", "nosuch/page.txt"]);
    assert_eq!(out.status.code(), Some(1));
    check(&out, "zongjie: nosuch/page.txt: no such file or folder");
    let out = run(ws.path(), &["parse", "./data/../nosuch.txt"]);
    check(&out, "./data/../nosuch.txt");
    // A binary file inside a folder is named by the folder path given.
    std::fs::write(
        ws.path().join("data/samples/blob.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 255].repeat(100),
    )
    .unwrap();
    let out = run(ws.path(), &["parse", "data"]);
    check(&out, "data/samples/blob.txt");
    std::fs::remove_file(ws.path().join("data/samples/blob.txt")).unwrap();
    // A damaged store file is named under the folder given.
    let out = run(ws.path(), &["export", "--out", "a.csv", "data"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::create_dir_all(ws.path().join("data/zongjie-reviews")).unwrap();
    std::fs::write(
        ws.path().join("data/zongjie-reviews/bad.json"),
        b"{ not json",
    )
    .unwrap();
    let out = run(ws.path(), &["stats", "data"]);
    assert_eq!(out.status.code(), Some(1));
    check(&out, "data/zongjie-reviews/bad.json");
    // An export to a folder that does not exist names the path asked for.
    std::fs::remove_file(ws.path().join("data/zongjie-reviews/bad.json")).unwrap();
    let out = run(ws.path(), &["export", "--out", "nodir/out.csv", "data"]);
    assert_eq!(out.status.code(), Some(1));
    check(&out, "nodir/out.csv");
}

const STRACE_ARGS: &[&str] = &[
    "-f",
    "-qq",
    "-e",
    "trace=open,openat,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,\
     link,linkat,symlink,symlinkat,truncate,chmod,fchmodat",
];

fn strace_works() -> bool {
    Command::new("strace")
        .args(["-qq", "-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Every path a traced run created, wrote, renamed, linked or removed, made
/// absolute against `cwd` (without resolving links; `.` and `..` folded).
fn written_paths(trace: &Path, cwd: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(trace).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(call) = line.split_whitespace().nth(1) else {
            continue;
        };
        let name = call.split('(').next().unwrap_or("");
        let quoted: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        let paths: Vec<&str> = match name {
            "open" | "openat" => {
                let writes = ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"]
                    .iter()
                    .any(|f| line.contains(f));
                if writes {
                    quoted.into_iter().take(1).collect()
                } else {
                    Vec::new()
                }
            }
            "" => Vec::new(),
            _ if line.contains("resumed>") => Vec::new(),
            _ => quoted,
        };
        for p in paths {
            let mut abs = PathBuf::new();
            for c in cwd.join(p).components() {
                match c {
                    std::path::Component::CurDir => {}
                    std::path::Component::ParentDir => {
                        abs.pop();
                    }
                    c => abs.push(c),
                }
            }
            out.push(abs);
        }
    }
    out
}

#[test]
fn traced_review_export_stats_and_parse_write_nowhere_else() {
    if !strace_works() {
        eprintln!("skipped: strace is not available here (the snapshot test still runs)");
        return;
    }
    let ws = workspace();
    let root = ws.path().canonicalize().unwrap();
    let traces = tempfile::tempdir().unwrap();
    review_session_traced(&root, Some(&traces.path().join("review")));
    let mut all = written_paths(&traces.path().join("review"), &root);
    for (k, args) in [
        &["export", "--format", "json", "--out", "out.json", "data"][..],
        &["stats", "data"],
        &["parse", "data"],
    ]
    .iter()
    .enumerate()
    {
        let t = traces.path().join(format!("cli{k}"));
        let out = Command::new("strace")
            .args(STRACE_ARGS)
            .arg("-o")
            .arg(&t)
            .arg(BIN)
            .args(*args)
            .current_dir(&root)
            .env("HOME", root.join("home"))
            .env("XDG_CONFIG_HOME", root.join("home/.config"))
            .env("TMPDIR", root.join("tmp"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        all.extend(written_paths(&t, &root));
    }
    let store = root.join("data/zongjie-reviews");
    let export = root.join("out.json");
    let allowed = |p: &Path| {
        p.starts_with(&store)
            || p == export
            // the export's temp file beside it, renamed onto it
            || (p.parent() == Some(root.as_path())
                && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".tmp"))
                && !p.exists())
            || p == Path::new("/dev/tty")
            || p == Path::new("/dev/null")
            || p.starts_with("/dev/pts")
    };
    eprintln!("{} writes traced: {all:?}", all.len());
    let stray: Vec<&PathBuf> = all.iter().filter(|p| !allowed(p)).collect();
    assert!(
        stray.is_empty(),
        "written outside the store and the export: {stray:?}"
    );
    assert!(
        all.iter().any(|p| p.starts_with(&store)),
        "the trace saw the store written"
    );
    assert!(all.contains(&export), "the trace saw the export written");
}
