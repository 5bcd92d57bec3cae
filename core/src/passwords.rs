//! A compact list of common passwords: the ones attackers try first. Compared case-insensitively.
//!
//! `common_passwords.txt` beside this file, one entry a line. It holds the 3,000 most common
//! passwords of 8 to 64 characters from zxcvbn's frequency-ordered list (the `passwords` list of
//! the `zxcvbn` package 4.5.0, MIT licence; drawn from Xato's ten million leaked passwords, ranks
//! up to 8,948), together with this file's earlier list (the top of SecLists' "10k most common",
//! RockYou, and the CSDN leak for the Chinese sites): 3,266 entries. Shorter ones are left out:
//! they fail the length rule anyway. The list ships in the wasm: 30 KB as text, 10.9 KB brotli'd
//! (`brotli -q 11`; the earlier 1,015 entries: 3.7 KB). One string, not a slice of strings, so
//! the module carries no table of pointers beside the text.

/// Sorted (byte order, for the binary search), lower-case, unique, without whitespace, one entry a
/// line, each line ending in a newline.
static COMMON: &str = include_str!("common_passwords.txt");

/// Whether `password` is on the list (case-insensitive).
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    !lower.contains('\n') && contains(COMMON, &lower)
}

/// Binary search over the lines of `list` (sorted, each ending in a newline): halves the bytes
/// still in play, reading the line around the middle one.
fn contains(list: &str, needle: &str) -> bool {
    let bytes = list.as_bytes();
    // Both ends are line starts (or the end of the text).
    let (mut low, mut high) = (0, bytes.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let start =
            bytes[low..middle].iter().rposition(|&b| b == b'\n').map_or(low, |i| low + i + 1);
        let end =
            bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| start + i);
        match list[start..end].cmp(needle) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    false
}

/// The entries, in order.
#[cfg(test)]
fn entries() -> impl Iterator<Item = &'static str> {
    COMMON.lines()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_unique_lower_case_and_long_enough() {
        let list: Vec<&str> = entries().collect();
        assert!(list.len() >= 3000, "only {} entries", list.len());
        assert!(COMMON.ends_with('\n'));
        for pair in list.windows(2) {
            assert!(pair[0] < pair[1], "not sorted or not unique: {pair:?}");
        }
        for entry in list {
            assert_eq!(*entry, entry.to_lowercase(), "not lower-case: {entry}");
            assert!((8..=64).contains(&entry.chars().count()), "not 8 to 64 characters: {entry}");
            assert!(!entry.chars().any(char::is_whitespace), "whitespace in {entry:?}");
        }
    }

    #[test]
    fn password_is_common() {
        for common in ["password", "12345678", "iloveyou", "qwertyuiop", "1qaz2wsx", "trustno1"] {
            assert!(is_common(common), "{common}");
        }
    }

    #[test]
    fn case_does_not_matter() {
        assert!(is_common("PassWord"));
        assert!(is_common("PASSWORD1"));
        assert!(is_common("IloveYou"));
    }

    #[test]
    fn common_passwords_beyond_the_first_thousand_are_common() {
        // From zxcvbn's list, none of them on the earlier list of 1,015.
        for common in ["minecraft", "svetlana", "firebird", "rockstar", "valentina", "pegasus1"] {
            assert!(is_common(common), "{common}");
        }
    }

    #[test]
    fn every_entry_is_found() {
        for entry in entries() {
            assert!(is_common(entry), "{entry}");
        }
    }

    #[test]
    fn a_strong_password_is_not_common() {
        assert!(!is_common("Blue-Harbor-2041"));
        assert!(!is_common("zzzzzzzzz-after-the-last"));
        assert!(!is_common("!!!!-before-the-first"));
    }

    #[test]
    fn an_uncommon_password_is_not_common() {
        assert!(!is_common("correct horse battery staple"));
        assert!(!is_common("Tr0ub4dor&3-xyzzy"));
        assert!(!is_common(""));
    }

    #[test]
    fn a_near_miss_is_not_common() {
        // Whitespace is part of the password: the list holds exact entries only.
        assert!(!is_common(" password"));
        assert!(!is_common("password "));
        assert!(!is_common("passwordx"));
    }
}
