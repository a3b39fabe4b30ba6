//! Writing the bundle folder atomically: everything goes to a fresh sibling folder that
//! replaces the old one only once complete, so a failed run leaves the old data intact.
//! Files are written as soon as they are made, so the compiler never holds its whole
//! output in memory.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How much a file written in pieces (`bundle.json`, the CSV tables) gathers before each
/// write: a national bundle.json is 1.7 GB, in 8 KB writes 200,000 system calls.
const WRITE_BLOCK: usize = 1 << 20;

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

    /// Writes the file at `relative` (with `/`) piece by piece with `write`, gathered into
    /// writes of [`WRITE_BLOCK`].
    pub fn write_in_blocks(
        &self,
        relative: &str,
        write: impl FnOnce(&mut io::BufWriter<fs::File>) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut file = self.create_in_blocks(relative)?;
        write(&mut file)?;
        file.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok(())
    }

    /// Creates the file at `relative` (with `/`) to be written in writes of
    /// [`WRITE_BLOCK`]; the caller flushes it.
    pub fn create_in_blocks(&self, relative: &str) -> io::Result<io::BufWriter<fs::File>> {
        Ok(io::BufWriter::with_capacity(
            WRITE_BLOCK,
            self.create(relative)?,
        ))
    }

    /// Creates the file at `relative` (with `/`), making its folders as needed.
    fn create(&self, relative: &str) -> io::Result<fs::File> {
        self.make_parent(relative)?;
        fs::File::create(self.folder.join(relative))
    }

    /// Makes the folders `relative` (with `/`) goes in, once each.
    fn make_parent(&self, relative: &str) -> io::Result<()> {
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
        Ok(())
    }

    /// Writes `bytes` to the file at `relative`. A file the folder being replaced already
    /// holds with exactly these bytes is kept ([`Staging::keep`]) instead: a recompile
    /// after a small change (every save under `trunk serve`) writes only what changed.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let previous = self.out.join(relative);
        if holds_exactly(&previous, bytes) && self.keep(relative).is_ok() {
            return Ok(());
        }
        io::Write::write_all(&mut self.create(relative)?, bytes)
    }

    /// The bytes of the file at `relative`, written before.
    pub fn read(&self, relative: &str) -> io::Result<Vec<u8>> {
        fs::read(self.folder.join(relative))
    }

    /// Carries the file at `relative` over from the folder being replaced, as it is: a
    /// hard link, which joins the two folders only until the old one is removed (a copy
    /// where links are not possible).
    pub fn keep(&self, relative: &str) -> io::Result<()> {
        self.make_parent(relative)?;
        let (previous, next) = (self.out.join(relative), self.folder.join(relative));
        fs::hard_link(&previous, &next).or_else(|_| fs::copy(&previous, &next).map(drop))
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

/// Whether the file at `path` holds exactly `bytes`: read a block at a time into the same
/// buffer, up to the first difference, rather than whole into a new one (the shards of a
/// large corpus are compared on every recompile).
fn holds_exactly(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let same_length = file
        .metadata()
        .is_ok_and(|found| found.is_file() && found.len() == bytes.len() as u64);
    if !same_length {
        return false;
    }
    let mut block = vec![0_u8; COMPARE_BLOCK.min(bytes.len().max(1))];
    let mut rest = bytes;
    loop {
        match io::Read::read(&mut file, &mut block) {
            Ok(0) => return rest.is_empty(),
            Ok(read) if rest.len() >= read && block[..read] == rest[..read] => {
                rest = &rest[read..];
            }
            Ok(_) => return false,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// How much of a file [`holds_exactly`] reads at a time.
const COMPARE_BLOCK: usize = 64 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    fn same_file(a: &Path, b: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        let (a, b) = (fs::metadata(a).unwrap(), fs::metadata(b).unwrap());
        (a.dev(), a.ino()) == (b.dev(), b.ino())
    }

    #[test]
    fn replaces_old_contents_completely() {
        let root = std::env::temp_dir().join(format!("reform-output-test-{}", std::process::id()));
        let out = root.join("data");
        fs::create_dir_all(out.join("stale")).unwrap();
        fs::write(out.join("stale/old.txt"), "old").unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write("a/b.json", b"{}").unwrap();
        staging.finish().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/b.json")).unwrap(), "{}");
        assert!(!out.join("stale").exists());
        let leftovers = fs::read_dir(&root).unwrap().count();
        assert_eq!(leftovers, 1, "no staging or retired folder is left behind");
        // A file written again unchanged is the same file; a changed one is new, and the
        // old folder keeps its own until the swap.
        let staging = Staging::new(&out).unwrap();
        staging.write("a/b.json", b"{}").unwrap();
        staging.write("c.json", b"[1]").unwrap();
        assert!(same_file(
            &out.join("a/b.json"),
            &staging.folder.join("a/b.json")
        ));
        staging.finish().unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write("a/b.json", b"{\"changed\":1}").unwrap();
        assert_eq!(fs::read_to_string(out.join("a/b.json")).unwrap(), "{}");
        staging.write("c.json", b"[1]").unwrap();
        staging.finish().unwrap();
        assert_eq!(
            fs::read_to_string(out.join("a/b.json")).unwrap(),
            "{\"changed\":1}"
        );
        assert_eq!(fs::read_to_string(out.join("c.json")).unwrap(), "[1]");
        // Unfinished: the new files vanish and the old folder stays.
        let staging = Staging::new(&out).unwrap();
        staging.write("d.json", b"[]").unwrap();
        drop(staging);
        assert!(!out.join("d.json").exists());
        assert_eq!(fs::read_to_string(out.join("c.json")).unwrap(), "[1]");
        assert_eq!(fs::read_dir(&root).unwrap().count(), 1);
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_file_holds_exactly_the_bytes_only_when_every_block_matches() {
        let root = std::env::temp_dir().join(format!("reform-holds-test-{}", std::process::id()));
        fs::create_dir_all(&root).unwrap();
        let file = root.join("shard.json");
        // Three blocks and a part, so the difference can sit in any of them.
        let written: Vec<u8> = (0..COMPARE_BLOCK * 3 + 100).map(|at| at as u8).collect();
        fs::write(&file, &written).unwrap();
        assert!(holds_exactly(&file, &written));
        for at in [0, COMPARE_BLOCK - 1, COMPARE_BLOCK, COMPARE_BLOCK * 3 + 99] {
            let mut other = written.clone();
            other[at] ^= 1;
            assert!(!holds_exactly(&file, &other), "a difference at {at}");
        }
        assert!(!holds_exactly(&file, &written[1..]));
        assert!(!holds_exactly(&root.join("missing.json"), b""));
        assert!(!holds_exactly(&root, b""), "a folder holds no bytes");
        fs::write(&file, b"").unwrap();
        assert!(holds_exactly(&file, b""));
        fs::remove_dir_all(root).unwrap();
    }
}
