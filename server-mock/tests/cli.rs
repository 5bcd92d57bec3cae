//! The real binary's flags: what the start-up banner tells a developer (the links, the demo data,
//! the faults in force), that `--latency` and `--fail-rate` really slow and fail the API (and only
//! the API), and that a bad flag is refused with a message and exit code 2.
//! Plain HTTP/1.1 over `std::net::TcpStream`: no client dependency.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpStream},
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::{Duration, Instant},
};

use activation_core::api::ApiError;
use server_mock::store::seed::{BOUND_ALIYUN, BOUND_AWS, BOUND_HUAWEI, DEMO_BILLING};

/// A running mock; killed when dropped.
struct Running {
    child: Child,
    addr: SocketAddr,
    banner: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary with `flags`; returns once it printed its banner.
fn start(flags: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server-mock"))
        .args(["--port", "0"])
        .args(flags)
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                return;
            }
        }
    });
    let first = received.recv_timeout(Duration::from_secs(30)).expect("the mock printed nothing");
    let mut banner = first + "\n";
    // The rest of the banner is printed at once, right after the first line.
    while let Ok(line) = received.recv_timeout(Duration::from_millis(300)) {
        banner.push_str(&line);
        banner.push('\n');
    }
    let addr = banner
        .lines()
        .next()
        .and_then(|first| first.strip_prefix("listening on http://"))
        .unwrap_or_else(|| panic!("unexpected banner: {banner:?}"))
        .parse()
        .unwrap();
    Running { child, addr, banner }
}

/// One request: the status and the body.
fn request(addr: SocketAddr, method: &str, path: &str) -> (u16, String) {
    request_to(addr, &addr.to_string(), method, path)
}

/// One request with `Host: host`: the status and the body.
fn request_to(addr: SocketAddr, host: &str, method: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("an HTTP answer");
    let body = answer.split_once("\r\n\r\n").map(|(_, body)| body.to_owned()).unwrap_or_default();
    (status, body)
}

#[test]
fn the_banner_links_the_simulators_mailbox_and_document() {
    let mock = start(&[]);
    let base = format!("http://{}", mock.addr);
    for link in [
        format!("{base}/marketplace/aws"),
        format!("{base}/marketplace/aliyun"),
        format!("{base}/marketplace/huawei"),
        format!("{base}/dev/mailbox"),
        format!("{base}/api/openapi.json"),
    ] {
        assert!(mock.banner.contains(&link), "{link} is not in:\n{}", mock.banner);
        let path = link.strip_prefix(&base).unwrap();
        assert_eq!(request(mock.addr, "GET", path).0, 200, "{path}");
    }
    // Without the flags, no fault is announced, and none happens.
    assert!(!mock.banner.contains("faults:"), "{}", mock.banner);
    assert!(!mock.banner.contains("demo data"), "{}", mock.banner);
    // Without --dist there is no console to open.
    assert!(!mock.banner.contains("open the console"), "{}", mock.banner);
}

#[test]
fn seed_demo_prints_the_accounts_a_developer_can_use() {
    let mock = start(&["--seed", "demo"]);
    for name in [DEMO_BILLING, BOUND_AWS, BOUND_ALIYUN, BOUND_HUAWEI] {
        assert!(mock.banner.contains(name), "{name} is not in:\n{}", mock.banner);
    }
}

#[test]
fn latency_is_announced_and_slows_the_api_only() {
    let mock = start(&["--latency", "300"]);
    assert!(
        mock.banner.contains("every /api/v1 answer waits 300 ms (--latency)"),
        "{}",
        mock.banner
    );
    let started = Instant::now();
    let (status, _) = request(mock.addr, "GET", "/api/v1/session");
    let waited = started.elapsed();
    assert_eq!(status, 401);
    assert!(waited >= Duration::from_millis(300), "answered after {waited:?}");
    // The simulator pages are not the API: they answer at once.
    let started = Instant::now();
    assert_eq!(request(mock.addr, "GET", "/marketplace/aws").0, 200);
    assert!(started.elapsed() < Duration::from_millis(300), "{:?}", started.elapsed());
}

#[test]
fn fail_rate_one_is_announced_and_fails_every_api_request_with_the_error_body() {
    let mock = start(&["--fail-rate", "1"]);
    assert!(
        mock.banner.contains("100% of /api/v1 requests fail with 503 unavailable (--fail-rate)"),
        "{}",
        mock.banner
    );
    for _ in 0..5 {
        let (status, body) = request(mock.addr, "GET", "/api/v1/session");
        assert_eq!(status, 503);
        assert_eq!(serde_json::from_str::<ApiError>(&body).unwrap(), ApiError::Unavailable);
    }
    // Health and the simulators stay up, so a developer can still reach the console.
    assert_eq!(request(mock.addr, "GET", "/api/health").0, 200);
    assert_eq!(request(mock.addr, "GET", "/marketplace/huawei").0, 200);
}

#[test]
fn a_fail_rate_of_seven_percent_fails_some_requests_but_not_all() {
    let mock = start(&["--fail-rate", "0.07"]);
    assert!(mock.banner.contains(" 7% of /api/v1 requests fail"), "{}", mock.banner);
    let failed = (0..400).filter(|_| request(mock.addr, "GET", "/api/v1/session").0 == 503).count();
    // Binomial(400, 0.07): mean 28, standard deviation 5.1; 5..=55 is beyond 4.5 of them.
    assert!((5..=55).contains(&failed), "{failed} of 400 failed");
}

#[test]
fn bad_flags_are_refused_with_a_message_and_exit_code_2() {
    let no_app = std::env::temp_dir();
    let no_app = no_app.to_str().unwrap();
    let cases: [(&[&str], &str); 9] = [
        (&["--fail-rate", "2"], "'2' for '--fail-rate <P>': not a probability between 0 and 1"),
        (&["--fail-rate", "-0.5"], "'-0.5' for '--fail-rate <P>': not a probability"),
        (&["--latency", "soon"], "invalid value 'soon' for '--latency <MS>'"),
        (&["--seed", "prod"], "invalid value 'prod' for '--seed <SET>'\n  [possible values: demo]"),
        (&["--port"], "a value is required for '--port <PORT>'"),
        (&["--colour"], "unexpected argument '--colour'"),
        (&["--dist", no_app], "no index.html there; build the app first"),
        (&["--allow-host", "a b"], "not a host name with an optional port"),
        (&["--aliyun-secret", ""], "not empty, letters, digits and punctuation only"),
    ];
    for (flags, message) in cases {
        let run = Command::new(env!("CARGO_BIN_EXE_server-mock")).args(flags).output().unwrap();
        assert_eq!(run.status.code(), Some(2), "{flags:?}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains(message), "{flags:?}: {stderr}");
    }
}

#[test]
fn help_names_every_flag_and_its_default() {
    let run = Command::new(env!("CARGO_BIN_EXE_server-mock")).arg("--help").output().unwrap();
    assert_eq!(run.status.code(), Some(0));
    let help = String::from_utf8_lossy(&run.stdout);
    for flag in [
        "--port <PORT>",
        "[default: 8080]",
        "--dist <DIR>",
        "--state <FILE>",
        "--seed <SET>",
        "demo",
        "--latency <MS>",
        "--fail-rate <P>",
        "--cors-origin <ORIGIN>",
        "--code-cooldown <SECS>",
        "--fast-hashes",
        "--allow-host <HOST[:PORT]>",
        "--aliyun-secret <SECRET>",
    ] {
        assert!(help.contains(flag), "{flag} is not in:\n{help}");
    }
}

#[test]
fn the_developer_pages_answer_the_mocks_own_host_names_and_allowed_hosts_only() {
    let mock = start(&["--allow-host", "dev.example:9000"]);
    let port = mock.addr.port();
    for path in ["/dev/mailbox.json", "/marketplace/aws"] {
        for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), "127.0.0.1".into()] {
            assert_eq!(request_to(mock.addr, &host, "GET", path).0, 200, "{path} as {host}");
        }
        assert_eq!(request_to(mock.addr, "dev.example:9000", "GET", path).0, 200, "{path}");
        let rebound = format!("evil.example:{port}");
        for host in ["evil.example", rebound.as_str(), "dev.example:9001"] {
            let (status, body) = request_to(mock.addr, host, "GET", path);
            assert_eq!(status, 403, "{path} as {host}: {body}");
        }
    }
}

/// The secret the banner names for the Alibaba simulator.
fn aliyun_secret(banner: &str) -> String {
    let line = banner.lines().find(|l| l.contains("signing secret")).expect("no secret line");
    assert!(line.contains("for the simulator only"), "{line}");
    line.rsplit(' ').next().unwrap().to_owned()
}

#[test]
fn the_alibaba_simulators_secret_is_random_unless_given_and_printed() {
    let (one, two) = (start(&[]), start(&[]));
    let (one, two) = (aliyun_secret(&one.banner), aliyun_secret(&two.banner));
    assert_ne!(one, two);
    assert!(one.len() >= 32 && one != "mock-aliyun-secret", "{one}");
    let given = start(&["--aliyun-secret", "s3cret-for-tests"]);
    assert_eq!(aliyun_secret(&given.banner), "s3cret-for-tests");
}
