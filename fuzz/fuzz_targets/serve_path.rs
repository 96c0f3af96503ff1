//! The dev server's request path handling: any request target either is refused with a status
//! or becomes a relative path that cannot leave the output folder.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pjece::serve::clean_path;

fuzz_target!(|data: &[u8]| {
    let url = String::from_utf8_lossy(data);
    match clean_path(&url) {
        Ok(p) => {
            assert!(!p.starts_with('/'), "{url:?} → {p:?} starts with /");
            assert!(!p.contains('\\') && !p.contains('\0'), "{url:?} → {p:?}");
            assert!(p.split('/').all(|seg| seg != ".." && seg != "."), "{url:?} → {p:?} has a dot segment");
            assert!(!p.contains("//"), "{url:?} → {p:?}");
            assert!(!p.contains(':'), "{url:?} → {p:?} has a drive letter or stream name");
            // Cleaning is stable: the cleaned path, percent-encoded again where it must be,
            // names the same file.
            let encoded = p.replace('%', "%25").replace('?', "%3F").replace('#', "%23");
            assert_eq!(clean_path(&format!("/{encoded}")), Ok(p.clone()), "{url:?}");
        }
        Err(status) => assert!([400, 414].contains(&status), "{url:?} → status {status}"),
    }
});
