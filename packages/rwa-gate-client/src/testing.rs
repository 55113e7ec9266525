//! Fakes of a node for unit tests: a loopback HTTP server that answers every request alike.

/// A one-connection-at-a-time HTTP server on loopback that answers every request with
/// `response`; its URL.
pub fn canned_node(response: String) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener.local_addr().expect("its address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut request = [0u8; 65_536];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}")
}

pub fn http_answer(status: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n{body}",
        body.len()
    )
}

pub fn status_error(url: &str) -> cosmrs::rpc::Error {
    use cosmrs::rpc::Client as _;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let rpc = cosmrs::rpc::HttpClient::new(url).expect("a client");
    runtime
        .block_on(async move { rpc.status().await })
        .expect_err("a canned failure")
}
