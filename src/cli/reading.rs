//! A session's files read once, for the loader and the record's digest.

use std::path::PathBuf;

use crate::domain::InputsDigest;
use crate::load::{self, LoadError, Loaded, Source};
use crate::record::{self, DigestError};

/// A session loaded, with the digest of the very bytes loaded.
pub struct SessionRead {
    pub session_path: PathBuf,
    pub loaded: Loaded,
    /// `None` when not asked for (a look without a record to write).
    pub inputs: Option<Result<InputsDigest, DigestError>>,
}

/// Read the session file at `session_path` ([`load::session_file`]) and
/// the files it lists, once; then load those bytes and, when `digest`, digest them,
/// at the same time on the two cores. The record's digest so names exactly
/// what was loaded, where a second reading could see a file changed in
/// between (decisions.md, "One reading of the input files"). The bytes are
/// let go before this returns.
pub fn read_session(
    src: &(dyn Source + Sync),
    session_path: PathBuf,
    digest: bool,
) -> Result<SessionRead, LoadError> {
    let ahead = load::ReadAhead::new(src, [session_path.clone()]);
    // a session file that lists nothing readable is the loader's to report
    let listed = record::input_files(&ahead, &session_path).unwrap_or_default();
    let ahead = ahead.and(listed);
    let (loaded, inputs) = rayon::join(
        || load::load_session(&ahead, &session_path, false),
        || digest.then(|| record::inputs_digest(&ahead, &session_path)),
    );
    Ok(SessionRead { session_path, loaded: loaded?, inputs })
}

/// The inputs digest a record of the chair's is opened or resumed with:
/// made already, or the bytes loaded held so that it is made once the first
/// frame is drawn, before the first key is read (decisions.md, "The first
/// frame before the digest").
pub enum Inputs {
    Made(Result<InputsDigest, DigestError>),
    Held { session_path: PathBuf, files: Vec<(PathBuf, Vec<u8>)> },
}

impl Inputs {
    pub fn make(self) -> Result<InputsDigest, DigestError> {
        match self {
            Inputs::Made(made) => made,
            Inputs::Held { session_path, files } => Ok(record::digest_of(&session_path, files)),
        }
    }
}

/// [`read_session`] for a session the chair opens: loaded now on both
/// cores, the bytes loaded held for the digest. A file the digest covers
/// that was not read ahead (could not be) is digested now, from `src`, as
/// [`read_session`] does.
pub fn read_session_for_open(
    src: &(dyn Source + Sync),
    session_path: PathBuf,
) -> Result<(SessionRead, Inputs), LoadError> {
    let ahead = load::ReadAhead::new(src, [session_path.clone()]);
    let listed = record::input_files(&ahead, &session_path).unwrap_or_default();
    let ahead = ahead.and(listed.iter().cloned());
    let loaded = load::load_session(&ahead, &session_path, false)?;
    let inputs = if listed.is_empty() {
        Inputs::Made(record::inputs_digest(&ahead, &session_path))
    } else {
        match ahead.take(&listed) {
            Ok(files) => Inputs::Held { session_path: session_path.clone(), files },
            Err(ahead) => Inputs::Made(record::inputs_digest(&ahead, &session_path)),
        }
    };
    Ok((SessionRead { session_path, loaded, inputs: None }, inputs))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::collections::HashSet;
    use std::path::Path;
    use std::sync::Mutex;

    use super::*;
    use crate::demo::{EmbeddedSource, SESSION_PATH};

    /// The demo session's files, each edited (a newline added) once it
    /// has been read: what a second reading of a file changed under the
    /// app would see.
    struct EditedAfterFirstRead(Mutex<HashSet<PathBuf>>);

    impl Source for EditedAfterFirstRead {
        fn read(&self, path: &Path) -> std::io::Result<Cow<'_, [u8]>> {
            let mut bytes = EmbeddedSource.read(path)?.into_owned();
            if !self.0.lock().unwrap().insert(path.to_path_buf()) {
                bytes.push(b'\n');
            }
            Ok(Cow::Owned(bytes))
        }

        fn read_dir(&self, path: &Path) -> std::io::Result<Vec<PathBuf>> {
            EmbeddedSource.read_dir(path)
        }

        fn is_dir(&self, path: &Path) -> bool {
            EmbeddedSource.is_dir(path)
        }
    }

    /// The loader and the digest see the same bytes: each file is read
    /// once, so the digest is of the files as they were loaded, not of a
    /// later reading.
    #[test]
    fn the_digest_is_of_the_bytes_loaded() {
        let edited = EditedAfterFirstRead(Mutex::new(HashSet::new()));
        let read = read_session(&edited, PathBuf::from(SESSION_PATH), true).unwrap();
        let as_loaded = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).unwrap();
        assert_eq!(read.inputs.unwrap().unwrap(), as_loaded);
        assert_eq!(read.loaded.session, crate::demo::session().unwrap());
        // every file was read: read again now, each is the edited one
        let later = record::inputs_digest(&edited, Path::new(SESSION_PATH)).unwrap();
        assert_ne!(later.sha256, as_loaded.sha256);
        assert_eq!(later.files.len(), as_loaded.files.len());
        assert!(
            later.files.iter().zip(&as_loaded.files).all(|(l, a)| l.path == a.path && l.sha256 != a.sha256)
        );
    }

    /// Held for later, the digest is still of the bytes loaded, however
    /// the files change after they were read.
    #[test]
    fn a_digest_made_later_is_of_the_bytes_loaded() {
        let edited = EditedAfterFirstRead(Mutex::new(HashSet::new()));
        let (read, inputs) = read_session_for_open(&edited, PathBuf::from(SESSION_PATH)).unwrap();
        assert!(matches!(inputs, Inputs::Held { .. }));
        assert_eq!(read.loaded.session, crate::demo::session().unwrap());
        let as_loaded = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).unwrap();
        assert_eq!(inputs.make().unwrap(), as_loaded);
        let now = record::inputs_digest(&edited, Path::new(SESSION_PATH)).unwrap();
        assert_ne!(now.sha256, as_loaded.sha256);
    }

    /// Without a record to write, nothing is digested.
    #[test]
    fn a_look_digests_nothing() {
        let read = read_session(&EmbeddedSource, PathBuf::from(SESSION_PATH), false).unwrap();
        assert!(read.inputs.is_none());
        assert_eq!(read.session_path, Path::new(SESSION_PATH));
    }
}
