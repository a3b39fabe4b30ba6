//! Writing the bundle folder atomically: everything goes to a fresh sibling folder that
//! replaces the old one only once complete, so a failed run leaves the old data intact.
//! Files are written as soon as they are made, so the compiler never holds its whole
//! output in memory. A file the old folder already holds with the same bytes is not
//! written again but kept (a hard link): those made whole are compared once made
//! ([`Staging::write`]), those written piece by piece as they are written ([`Rewritten`]).

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
    /// blocks of [`WRITE_BLOCK`], as [`Staging::rewrite`] does.
    pub fn write_in_blocks(
        &self,
        relative: &str,
        write: impl FnOnce(&mut io::BufWriter<Rewritten>) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut file = io::BufWriter::with_capacity(WRITE_BLOCK, self.rewrite(relative)?);
        write(&mut file)?;
        file.into_inner()
            .map_err(io::IntoInnerError::into_error)?
            .finish()
    }

    /// Starts the file at `relative` (with `/`), written piece by piece ([`Rewritten`]):
    /// while its bytes are those the folder being replaced holds at the same path, only
    /// compared with them.
    pub fn rewrite(&self, relative: &str) -> io::Result<Rewritten<'_>> {
        let state = match fs::File::open(self.out.join(relative)) {
            Ok(old) if old.metadata().is_ok_and(|found| found.is_file()) => State::Same(old),
            _ => State::Written(self.create(relative)?),
        };
        Ok(Rewritten {
            staging: self,
            relative: relative.to_string(),
            state,
            position: 0,
            length: 0,
            held: Vec::new(),
            compared: Vec::new(),
        })
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

    /// A file for what the compiler holds while it writes and needs no more after, in the
    /// new folder's file system rather than a temporary one that may be memory; without a
    /// name by the time it is returned (Unix lets an open file stay so), it is gone once
    /// closed, whatever happens.
    #[cfg(unix)]
    pub fn scratch_file(&self) -> io::Result<fs::File> {
        let path = self.folder.join(".scratch");
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        fs::remove_file(&path)?;
        Ok(file)
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

/// A file of the new folder written piece by piece, which writes nothing while what it is
/// given is what the folder being replaced holds at the same path: it compares. At the
/// first difference it copies the old file's bytes so far and writes on from there;
/// finished unchanged, the old file is kept ([`Staging::keep`]). A recompile of unchanged
/// seeds (each build under `trunk serve`) so neither writes `bundle.json` (45 MB for
/// 1,000 synthetic documents) nor frees the old one's pages. It compares each write as it
/// comes: give it blocks.
pub struct Rewritten<'a> {
    staging: &'a Staging,
    relative: String,
    state: State,
    /// Where the next byte goes.
    position: u64,
    /// How long the file is so far.
    length: u64,
    /// Places held ([`HoldPlace::hold`]) and not yet written: `(start, end)`.
    held: Vec<(u64, u64)>,
    /// The old file's bytes read to compare, reused from one write to the next.
    compared: Vec<u8>,
}

/// What a [`Rewritten`] file is so far.
enum State {
    /// The old file's bytes, every one; it is open, read up to `position`.
    Same(fs::File),
    /// A new file, being written.
    Written(fs::File),
}

impl Rewritten<'_> {
    /// Ends the file: the old one kept if it is what was written, else the new one
    /// complete. Fails if a place held was never written.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(&(start, _)) = self.held.first() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{}: the place held at byte {start} was never written",
                    self.relative
                ),
            ));
        }
        if let State::Same(old) = &self.state {
            if old.metadata()?.len() == self.length {
                return self.staging.keep(&self.relative);
            }
            // The old file goes on: what was written is the start of it.
            self.diverge()?;
        }
        Ok(())
    }

    /// From now on, a new file: the old one's bytes so far copied into it.
    fn diverge(&mut self) -> io::Result<()> {
        let State::Same(old) = &mut self.state else {
            return Ok(());
        };
        let mut new = self.staging.create(&self.relative)?;
        io::Seek::seek(old, io::SeekFrom::Start(0))?;
        io::copy(&mut io::Read::take(old, self.length), &mut new)?;
        io::Seek::seek(&mut new, io::SeekFrom::Start(self.position))?;
        self.state = State::Written(new);
        Ok(())
    }

    /// Moves past `written` bytes just written or compared; a place held among them is
    /// written.
    fn advance(&mut self, written: u64) {
        let (start, end) = (self.position, self.position + written);
        self.held
            .retain(|&(held, until)| !(start <= held && until <= end));
        self.position = end;
        self.length = self.length.max(end);
    }
}

impl io::Write for Rewritten<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if let State::Same(old) = &mut self.state {
            self.compared.resize(bytes.len(), 0);
            if read_fully(old, &mut self.compared)? == bytes.len() && self.compared == bytes {
                self.advance(bytes.len() as u64);
                return Ok(bytes.len());
            }
            self.diverge()?;
        }
        let State::Written(new) = &mut self.state else {
            unreachable!("diverged above");
        };
        new.write_all(bytes)?;
        self.advance(bytes.len() as u64);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl io::Seek for Rewritten<'_> {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        let target = match to {
            io::SeekFrom::Start(at) => Some(at),
            io::SeekFrom::Current(by) => self.position.checked_add_signed(by),
            io::SeekFrom::End(by) => self.length.checked_add_signed(by),
        }
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "a seek before the start"))?;
        match &mut self.state {
            State::Same(file) | State::Written(file) => {
                file.seek(io::SeekFrom::Start(target))?;
            }
        }
        self.position = target;
        Ok(target)
    }
}

impl HoldPlace for Rewritten<'_> {
    fn hold(&mut self, length: usize) -> io::Result<()> {
        let start = self.position;
        if let State::Written(_) = self.state {
            io::Write::write_all(self, &PLACE_HELD[..length])?;
        } else {
            io::Seek::seek(self, io::SeekFrom::Current(length as i64))?;
            self.length = self.length.max(self.position);
        }
        self.held.push((start, self.position));
        Ok(())
    }
}

/// A writer that can hold a place for bytes written later, after seeking back to it (the
/// content hash at the top of `bundle.json`): [`Rewritten`] skips it, to compare it once
/// written; others write [`PLACE_HELD`]'s zeros there.
pub trait HoldPlace: io::Write + io::Seek {
    /// Holds the next `length` bytes (at most 64) for later.
    fn hold(&mut self, length: usize) -> io::Result<()> {
        self.write_all(&PLACE_HELD[..length])
    }
}

/// What a place held holds until it is written: ASCII zeros.
pub const PLACE_HELD: &[u8; 64] = &[b'0'; 64];

impl HoldPlace for io::Cursor<Vec<u8>> {}

/// Reads into `buffer` until it is full or the file ends; returns how much was read.
fn read_fully(file: &mut fs::File, buffer: &mut [u8]) -> io::Result<usize> {
    let mut read = 0;
    while read < buffer.len() {
        match io::Read::read(file, &mut buffer[read..]) {
            Ok(0) => break,
            Ok(more) => read += more,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(read)
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
    bytes.chunks(block.len()).all(|expected| {
        let block = &mut block[..expected.len()];
        io::Read::read_exact(&mut file, block).is_ok() && *block == *expected
    })
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

    /// Writes `pieces` into `data/file` over an old file holding `old` (none if `None`),
    /// the place `held` (start, bytes) held and written after the pieces; returns what
    /// the new folder then holds, and whether it is the old file, kept.
    fn rewritten(
        old: Option<&[u8]>,
        pieces: &[&[u8]],
        held: Option<(usize, &[u8])>,
    ) -> io::Result<(Vec<u8>, bool)> {
        use io::{Seek, SeekFrom, Write};
        let root = std::env::temp_dir().join(format!(
            "reform-rewritten-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let out = root.join("data");
        fs::create_dir_all(&out)?;
        if let Some(old) = old {
            fs::write(out.join("file"), old)?;
        }
        let staging = Staging::new(&out)?;
        let mut file = staging.rewrite("file")?;
        for piece in pieces {
            if held.is_some_and(|(at, _)| at == file.position as usize) {
                file.hold(held.map_or(0, |(_, place)| place.len()))?;
            }
            file.write_all(piece)?;
        }
        if let Some((at, place)) = held {
            file.seek(SeekFrom::Start(at as u64))?;
            file.write_all(place)?;
            file.seek(SeekFrom::End(0))?;
        }
        file.finish()?;
        let kept = old.is_some() && same_file(&out.join("file"), &staging.folder.join("file"));
        let written = fs::read(staging.folder.join("file"))?;
        drop(staging);
        assert_eq!(
            old,
            fs::read(out.join("file")).ok().as_deref(),
            "the old file stays"
        );
        fs::remove_dir_all(root)?;
        Ok((written, kept))
    }

    #[test]
    fn a_file_rewritten_as_it_was_is_kept_and_one_that_differs_is_written_whole() {
        let old = b"{\"hash\":\"abcd\",\"items\":[1,2,3]}";
        let pieces: [&[u8]; 3] = [b"{\"hash\":\"", b"\",\"items\":", b"[1,2,3]}"];
        let place = Some((9, &b"abcd"[..]));
        // As it was, its place held and written after: kept.
        assert_eq!(
            rewritten(Some(old), &pieces, place).unwrap(),
            (old.to_vec(), true)
        );
        // The place written otherwise, a piece that differs, more or fewer bytes, no old
        // file: written whole, the new bytes exactly.
        let other_place = Some((9, &b"wxyz"[..]));
        let expected = b"{\"hash\":\"wxyz\",\"items\":[1,2,3]}".to_vec();
        assert_eq!(
            rewritten(Some(old), &pieces, other_place).unwrap(),
            (expected, false)
        );
        let changed: [&[u8]; 3] = [b"{\"hash\":\"", b"\",\"items\":", b"[1,9,3]}"];
        let expected = b"{\"hash\":\"abcd\",\"items\":[1,9,3]}".to_vec();
        assert_eq!(
            rewritten(Some(old), &changed, place).unwrap(),
            (expected, false)
        );
        let longer: [&[u8]; 4] = [b"{\"hash\":\"", b"\",\"items\":", b"[1,2,3]}", b"\n"];
        let mut expected = old.to_vec();
        expected.push(b'\n');
        assert_eq!(
            rewritten(Some(old), &longer, place).unwrap(),
            (expected, false)
        );
        let expected = b"{\"hash\":\"abcd\",\"items\":".to_vec();
        assert_eq!(
            rewritten(Some(old), &pieces[..2], place).unwrap(),
            (expected, false)
        );
        assert_eq!(
            rewritten(None, &pieces, place).unwrap(),
            (old.to_vec(), false)
        );
        assert_eq!(rewritten(Some(b""), &[], None).unwrap(), (Vec::new(), true));
        // A place held and never written is an error, not a file of zeros, whether it
        // was compared or written.
        let root = std::env::temp_dir().join(format!("reform-unwritten-{}", std::process::id()));
        let out = root.join("data");
        for old in [None, Some("0000,")] {
            fs::create_dir_all(&out).unwrap();
            if let Some(old) = old {
                fs::write(out.join("file"), old).unwrap();
            }
            let staging = Staging::new(&out).unwrap();
            let mut file = staging.rewrite("file").unwrap();
            file.hold(4).unwrap();
            io::Write::write_all(&mut file, b",").unwrap();
            let error = file.finish().unwrap_err();
            assert_eq!(
                error.to_string(),
                "file: the place held at byte 0 was never written"
            );
            drop(staging);
            fs::remove_dir_all(&root).unwrap();
        }
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
