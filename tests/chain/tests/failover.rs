//! The client's failover and its retries on the local chain, with a proxy in front of the node
//! that fails the way a node does: one that swallows the answer to a broadcast it did pass on
//! (the client cannot know whether the transaction went in), and one that stops listening (a
//! killed node refuses connections). The real node is the client's second node.
//!
//! Needs `scripts/chain.sh start` (or `scripts/test.sh`).

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rwa_gate_chain_tests::{connect, fund, localnet};
use rwa_gate_client::{ChainConfig, Client, Stats};

/// A proxy on a loopback port of its own in front of `upstream`.
struct Proxy {
    url: String,
    stop: Arc<AtomicBool>,
    /// Broadcasts passed on to the node whose answer the client never got.
    swallowed: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Proxy {
    fn start(upstream: SocketAddr, swallow_broadcasts: bool) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let url = format!("http://{}", listener.local_addr().expect("its address"));
        listener.set_nonblocking(true).expect("non-blocking");
        let stop = Arc::new(AtomicBool::new(false));
        let swallowed = Arc::new(AtomicUsize::new(0));
        let (s, w) = (stop.clone(), swallowed.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((conn, _)) => {
                        let (s, w) = (s.clone(), w.clone());
                        std::thread::spawn(move || {
                            serve(conn, upstream, swallow_broadcasts, &s, &w)
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
            // The listener is dropped here: from now on connections are refused.
        });
        Proxy {
            url,
            stop,
            swallowed,
            thread: Some(thread),
        }
    }

    /// Stops listening, like a killed node.
    fn kill(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            t.join().expect("the proxy thread ends");
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One HTTP request from `conn`: its head (without the blank line) and body.
fn read_request(conn: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if conn.read(&mut byte).ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf[..buf.len() - 4]).into_owned();
    let length = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    conn.read_exact(&mut body).ok()?;
    Some((head, body))
}

/// Passes one request on, on an upstream connection of its own (`Connection: close`, so the node
/// closes it after its answer, and so does the proxy); with `swallow_broadcasts`, a broadcast's
/// answer is read from the node and never returned.
fn serve(
    mut conn: TcpStream,
    upstream: SocketAddr,
    swallow_broadcasts: bool,
    stop: &AtomicBool,
    swallowed: &AtomicUsize,
) {
    if let Some((head, body)) = read_request(&mut conn) {
        let mut lines: Vec<&str> = head
            .lines()
            .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
            .collect();
        lines.push("Connection: close");
        let Ok(mut up) = TcpStream::connect(upstream) else {
            return;
        };
        let request = [lines.join("\r\n").as_bytes(), b"\r\n\r\n", &body].concat();
        if up.write_all(&request).is_err() {
            return;
        }
        let mut answer = Vec::new();
        if up.read_to_end(&mut answer).is_err() {
            return;
        }
        if swallow_broadcasts && String::from_utf8_lossy(&body).contains("broadcast_tx") {
            swallowed.fetch_add(1, Ordering::SeqCst);
            // The node has the transaction; the client hears nothing until it gives up.
            let started = Instant::now();
            while !stop.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(20) {
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = conn.shutdown(Shutdown::Both);
            return;
        }
        if conn.write_all(&answer).is_ok() {
            let _ = conn.shutdown(Shutdown::Both);
        }
    }
}

/// HD indices of this process's accounts: fresh on every run (the chain outlives a run), clear of
/// the chain backend's (`1_000 + (pid % 200_000) * 1_000`), the load's and cli-e2e's.
fn index(n: u32) -> u32 {
    1_500_000_000 + (std::process::id() % 100_000) * 10 + n
}

fn node_socket(url: &str) -> SocketAddr {
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    host.parse().expect("the local node is host:port")
}

/// A client whose preferred node is `first` and whose fallback is the real node.
fn client_via(first: &str) -> Client {
    let net = localnet();
    let mut config = ChainConfig::with_nodes(
        vec![first.to_string(), net.config.nodes[0].clone()],
        net.config.chain_id.clone(),
    );
    config.request_timeout = Duration::from_secs(2);
    // No resend while the lookup finds it: the one broadcast is the one that went through.
    config.rebroadcast_interval = Duration::from_secs(60);
    Client::connect(config).expect("the proxy answers `status` for the node")
}

#[test]
fn a_broadcast_whose_answer_is_lost_is_looked_up_by_hash_and_never_signed_again() {
    let net = localnet();
    let direct = connect(&net);
    let sender = net.account(index(1)).expect("key");
    let recipient = net.account(index(2)).expect("key");
    fund(&direct, &net, &[&sender]);
    let (_, sequence_before) = direct
        .account(sender.address())
        .expect("account query")
        .expect("funded");

    let proxy = Proxy::start(node_socket(&net.config.nodes[0]), true);
    let client = client_via(&proxy.url);
    assert_eq!(client.current_node(), proxy.url);
    let mut signatures = Vec::new();
    let any = cosmrs_send(&sender, &recipient, 777);
    let outcome = client
        .broadcast_tracked(
            &sender,
            &[any],
            rwa_gate_client::Gas::Fixed(200_000),
            &mut |tx| signatures.push((tx.hash.clone(), tx.sequence)),
        )
        .expect("included");

    // The proxy passed the broadcast on and swallowed its answer, once.
    assert_eq!(proxy.swallowed.load(Ordering::SeqCst), 1);
    // Signed once, with the account's sequence; found by that hash on the real node.
    assert_eq!(signatures, vec![(outcome.hash.clone(), sequence_before)]);
    let stats = client.stats();
    assert_eq!(
        stats,
        Stats {
            failovers: 1,
            ambiguous_broadcasts: 1,
            rebroadcasts: 0,
            resigned: 0
        }
    );
    let failovers = client.failovers();
    assert_eq!(failovers[0].from, proxy.url);
    assert_eq!(failovers[0].to, net.config.nodes[0]);
    assert_eq!(client.current_node(), net.config.nodes[0]);

    // Posted exactly once: one sequence used, the amount received once, one transaction.
    let (_, sequence_after) = direct
        .account(sender.address())
        .expect("account query")
        .expect("exists");
    assert_eq!(sequence_after, sequence_before + 1);
    assert_eq!(
        direct
            .balance(recipient.address(), &net.config.denom)
            .expect("balance"),
        777
    );
    let sent = direct
        .search_txs(&format!("message.sender='{}'", sender.address()))
        .expect("search");
    assert_eq!(
        sent.iter().map(|t| t.hash.clone()).collect::<Vec<_>>(),
        vec![outcome.hash.clone()]
    );
    assert_eq!(
        sent[0].account_sequence(),
        Some((sender.address().to_string(), sequence_before))
    );
}

#[test]
fn a_node_that_stops_listening_is_left_for_the_next() {
    let net = localnet();
    let direct = connect(&net);
    let mut proxy = Proxy::start(node_socket(&net.config.nodes[0]), false);
    let client = client_via(&proxy.url);
    let (height, _) = client.latest_block().expect("through the proxy");
    assert!(height > 0);
    assert_eq!(client.failovers(), vec![]);

    proxy.kill();
    let (later, _) = client.latest_block().expect("through the real node");
    assert!(later >= height);
    let failovers = client.failovers();
    assert_eq!(failovers.len(), 1);
    assert_eq!(failovers[0].from, proxy.url);
    assert_eq!(failovers[0].to, net.config.nodes[0]);
    assert!(
        failovers[0].reason.contains("error trying to connect"),
        "{}",
        failovers[0].reason
    );
    // The client stays on the node that answers, and sends through it.
    let sender = net.account(index(3)).expect("key");
    fund(&direct, &net, &[&sender]);
    let to = net.account(index(4)).expect("key");
    let outcome = client
        .fund(&sender, &[to.address().clone()], 5)
        .expect("sent through the real node");
    assert_eq!(
        direct.wait_for_tx(&outcome.hash).expect("found").height,
        outcome.height
    );
    assert_eq!(client.stats().failovers, 1);
    assert_eq!(client.stats().ambiguous_broadcasts, 0);
}

/// A bank send of `amount` stake as `Any`.
fn cosmrs_send(
    from: &rwa_gate_client::Wallet,
    to: &rwa_gate_client::Wallet,
    amount: u128,
) -> rwa_gate_client::Any {
    rwa_gate_client::bank_send_msg(from, to.address(), "stake", amount).expect("a bank send")
}
