//! The accept loop: axum's `serve` with what it lacks, a header-read timeout and a cap on
//! connections served at once, over hyper-util's connection builder and graceful shutdown.
use super::Limits;
use axum::{Router, extract::ConnectInfo};
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto, graceful::GracefulShutdown},
};
use std::{future::Future, sync::Arc, time::Duration};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::ServiceExt;

/// How long requests in flight may take to finish after the shutdown signal.
const DRAIN: Duration = Duration::from_secs(30);

/// How long a connection may sit without a byte either way while a request is read or answered:
/// nginx's default, or longer than a request may take. Between requests hyper closes it sooner:
/// its header-read timeout starts as soon as the connection goes idle.
fn keep_alive(limits: &Limits) -> Duration {
    Duration::from_secs(75).max(limits.request_timeout + Duration::from_secs(15))
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the requests in flight
/// finish (for up to `DRAIN`). Each request carries `ConnectInfo<SocketAddr>`, the peer's address.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    // HTTP/1.1 only (the TLS proxy in front speaks it to us): HTTP/2 without TLS would let one
    // connection carry hundreds of requests past the connection cap and the header timeout.
    let mut builder = auto::Builder::new(TokioExecutor::new()).http1_only();
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout);
    let keep_alive = keep_alive(&limits);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // At the cap, the next connection waits in the listen queue until one closes.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot { Ok(slot) => slot, Err(_) => break },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Without TCP_NODELAY small static responses wait on Nagle's algorithm.
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
            let mut request = request.map(axum::body::Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request)
        });
        let stream = Idle::new(stream, limits.header_read_timeout, keep_alive);
        // `serve_connection` honours `http1_only`; the variant with upgrades would still switch
        // to HTTP/2 on its preface.
        let connection = builder.serve_connection(TokioIo::new(stream), service).into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended");
            }
            drop(slot);
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing requests in flight");
    if tokio::time::timeout(DRAIN, graceful.shutdown()).await.is_err() {
        tracing::warn!(seconds = DRAIN.as_secs(), "requests still in flight after the drain time; stopping");
    }
}

/// A connection that is closed when no byte moves for a while: `first` for the first byte (hyper's
/// header-read timeout only starts at the first byte), then `keep_alive` between any two.
struct Idle {
    io: tokio::net::TcpStream,
    deadline: std::pin::Pin<Box<tokio::time::Sleep>>,
    keep_alive: Duration,
}

impl Idle {
    fn new(io: tokio::net::TcpStream, first: Duration, keep_alive: Duration) -> Idle {
        Idle { io, deadline: Box::pin(tokio::time::sleep(first)), keep_alive }
    }

    fn moved(&mut self) {
        let next = tokio::time::Instant::now() + self.keep_alive;
        self.deadline.as_mut().reset(next);
    }

    /// When the I/O is pending: an error once the deadline has passed.
    fn expired(&mut self, cx: &mut std::task::Context<'_>) -> bool {
        self.deadline.as_mut().poll(cx).is_ready()
    }
}

impl tokio::io::AsyncRead for Idle {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        use std::task::Poll;
        let before = buf.filled().len();
        match std::pin::Pin::new(&mut self.io).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    self.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending if self.expired(cx) => Poll::Ready(Err(std::io::ErrorKind::TimedOut.into())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl tokio::io::AsyncWrite for Idle {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let result = std::pin::Pin::new(&mut self.io).poll_write(cx, buf);
        if matches!(result, std::task::Poll::Ready(Ok(n)) if n > 0) {
            self.moved();
        }
        result
    }

    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let result = std::pin::Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        if matches!(result, std::task::Poll::Ready(Ok(n)) if n > 0) {
            self.moved();
        }
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.io).poll_shutdown(cx)
    }
}
