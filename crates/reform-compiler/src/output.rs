//! Writing the bundle folder atomically: everything goes to a fresh sibling folder that
//! replaces the old one only once complete, so a failed run leaves the old data intact.
//! Files are written as soon as they are made, so the compiler never holds its whole
//! output in memory.

use crate::parallel::map_on_every_core;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Files to write, by path relative to the output folder.
pub type Files = Vec<(String, Vec<u8>)>;

/// A fresh folder beside `out` that files are written into; [`Staging::finish`] puts it in
/// place of `out`. Dropped unfinished (an error on the way), it is removed and `out` stays
/// as it was.
pub struct Staging {
    out: PathBuf,
    folder: PathBuf,
    retired: PathBuf,
    /// Sub-folders made so far, so each is made once.
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

impl Staging {
    /// Starts a new version of the folder `out`.
    pub fn new(out: &Path) -> io::Result<Staging> {
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
        let folder = parent.join(format!(".{name}.new-{}", std::process::id()));
        if folder.exists() {
            fs::remove_dir_all(&folder)?;
        }
        fs::create_dir_all(&folder)?;
        Ok(Staging {
            out: out.to_path_buf(),
            retired: parent.join(format!(".{name}.old-{}", std::process::id())),
            made: Mutex::new(HashSet::from([folder.clone()])),
            folder,
            finished: false,
        })
    }

    /// Creates the file at `relative` (with `/`), making its folders as needed.
    pub fn create(&self, relative: &str) -> io::Result<fs::File> {
        let path = self.folder.join(relative);
        if let Some(parent) = path.parent() {
            let mut made = self
                .made
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if !made.contains(parent) {
                fs::create_dir_all(parent)?;
                made.insert(parent.to_path_buf());
            }
        }
        fs::File::create(path)
    }

    /// Writes `bytes` to the file at `relative`.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        io::Write::write_all(&mut self.create(relative)?, bytes)
    }

    /// Writes every file of `files`, from every core.
    pub fn write_all(&self, files: &Files) -> io::Result<()> {
        map_on_every_core(files, |(relative, bytes)| self.write(relative, bytes))
            .into_iter()
            .collect()
    }

    /// Puts the new folder in place of `out`; the old one, if any, is removed.
    pub fn finish(mut self) -> io::Result<()> {
        let (staging, out, retired) = (&self.folder, &self.out, &self.retired);
        if out.exists() {
            fs::rename(out, retired)?;
        }
        if let Err(error) = fs::rename(staging, out) {
            // Put the old data back rather than leave nothing.
            let _ = fs::rename(retired, out);
            return Err(error);
        }
        self.finished = true;
        if retired.exists() {
            fs::remove_dir_all(retired)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.folder);
        }
    }
}

/// Replaces the folder `out` with exactly `files`.
pub fn replace_folder(out: &Path, files: &Files) -> io::Result<()> {
    let staging = Staging::new(out)?;
    staging.write_all(files)?;
    staging.finish()
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
        // Unfinished: the new files vanish and the old folder stays.
        let staging = Staging::new(&out).unwrap();
        staging.write("c.json", b"[]").unwrap();
        drop(staging);
        assert!(!out.join("c.json").exists());
        assert_eq!(fs::read_to_string(out.join("a/b.json")).unwrap(), "{}");
        assert_eq!(fs::read_dir(&root).unwrap().count(), 1);
        fs::remove_dir_all(root).unwrap();
    }
}
