//! Writing the bundle folder atomically: everything goes to a fresh sibling folder that
//! replaces the old one only once complete, so a failed run leaves the old data intact.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Files to write, by path relative to the output folder.
pub type Files = Vec<(String, Vec<u8>)>;

/// Replaces the folder `out` with exactly `files`.
pub fn replace_folder(out: &Path, files: &Files) -> io::Result<()> {
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "the output folder has no name")
        })?
        .to_string_lossy()
        .into_owned();
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = write_all(&staging, files).and_then(|()| swap(&staging, out, &retired));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(folder: &Path, files: &Files) -> io::Result<()> {
    if folder.exists() {
        fs::remove_dir_all(folder)?;
    }
    fs::create_dir_all(folder)?;
    let mut parents: Vec<PathBuf> = files
        .iter()
        .filter_map(|(relative, _)| folder.join(relative).parent().map(Path::to_path_buf))
        .collect();
    parents.sort();
    parents.dedup();
    for parent in parents {
        fs::create_dir_all(parent)?;
    }
    // Thousands of files (a national corpus): written from every core.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let share = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let writers: Vec<_> = files
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .try_for_each(|(relative, bytes)| fs::write(folder.join(relative), bytes))
                })
            })
            .collect();
        writers.into_iter().try_for_each(|writer| {
            writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    })
}

fn swap(staging: &Path, out: &Path, retired: &Path) -> io::Result<()> {
    if out.exists() {
        fs::rename(out, retired)?;
    }
    if let Err(error) = fs::rename(staging, out) {
        // Put the old data back rather than leave nothing.
        let _ = fs::rename(retired, out);
        return Err(error);
    }
    if retired.exists() {
        fs::remove_dir_all(retired)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_old_contents_completely() {
        let root = std::env::temp_dir().join(format!("reform-output-test-{}", std::process::id()));
        let out = root.join("data");
        fs::create_dir_all(out.join("stale")).unwrap();
        fs::write(out.join("stale/old.txt"), "old").unwrap();
        let files = vec![("a/b.json".to_string(), b"{}".to_vec())];
        replace_folder(&out, &files).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/b.json")).unwrap(), "{}");
        assert!(!out.join("stale").exists());
        let leftovers = fs::read_dir(&root).unwrap().count();
        assert_eq!(leftovers, 1, "no staging or retired folder is left behind");
        fs::remove_dir_all(root).unwrap();
    }
}
