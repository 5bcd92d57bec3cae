//! Passwords (SPEC §6, issue #13 item 8): argon2id at OWASP's parameters unless a test asks for
//! light ones. One test, in a file of its own: the light setting is for the whole process.

use server_mock::store::{Data, OWASP, hash_password, seed, use_fast_hashes, verify_password};

/// The argon2 parameters of a PHC string: `(algorithm, version, m, t, p)`.
fn parameters(phc: &str) -> (String, String, u32, u32, u32) {
    // $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH
    let parts: Vec<&str> = phc.split('$').collect();
    assert_eq!(parts.len(), 6, "not a PHC string: {phc}");
    let value = |name: &str| -> u32 {
        let pair = parts[3].split(',').find(|p| p.starts_with(&format!("{name}=")));
        pair.and_then(|p| p[name.len() + 1..].parse().ok()).unwrap_or_else(|| panic!("{phc}"))
    };
    (parts[1].into(), parts[2].into(), value("m"), value("t"), value("p"))
}

#[test]
fn passwords_are_hashed_with_owasps_argon2id_parameters_unless_tests_ask_for_light_ones() {
    let owasp = ("argon2id".to_owned(), "v=19".to_owned(), 19 * 1024, 2, 1);
    assert_eq!((OWASP.0, OWASP.1, OWASP.2), (owasp.2, owasp.3, owasp.4));
    let strong = hash_password("Blue-Harbor-2041");
    assert_eq!(parameters(&strong), owasp);
    // What the server stores: the demo accounts' hashes, at the parameters of any account's.
    let mut data = Data::default();
    seed::demo(&mut data);
    let stored = &data.billing[seed::DEMO_BILLING].password_hash;
    assert_eq!(parameters(stored), owasp);

    // `--fast-hashes`: light parameters for new hashes; the old ones still verify.
    use_fast_hashes();
    let light = hash_password("Blue-Harbor-2041");
    let (_, _, m, t, _) = parameters(&light);
    assert!(m < 19 * 1024 && t == 1, "{light}");
    assert!(verify_password("Blue-Harbor-2041", &strong));
    assert!(verify_password("Blue-Harbor-2041", &light));
    assert!(!verify_password("Blue-Harbor-2042", &strong));
    // And the demo accounts seeded then: a demo login costs what an unknown one does.
    let mut data = Data::default();
    seed::demo(&mut data);
    let stored = &data.billing[seed::DEMO_BILLING].password_hash;
    assert_eq!(parameters(stored), parameters(&light));
    assert!(verify_password(seed::DEMO_PASSWORD, stored));
}
