//! Which return addresses (`next=`) the product follows: its own paths only (an open redirect
//! would let a link to our login forward a person to a look-alike site).

/// Only paths on this site: no scheme, no `//host`, no backslash (browsers read `/\\host` as
/// `//host`), no control characters. Every `next` is checked with this before it is followed.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/accessibility?x=1#support"));
        for bad in ["https://evil.example/", "//evil.example", "/\\evil.example", "evil", "", "/\nSet-Cookie: x"] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }
}
