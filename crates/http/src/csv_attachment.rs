//! Streamed CSV attachments (`/reports/requests.csv`, `/audit.csv`). The header and the first
//! page are ready before the status is sent, so a store failing at once gets its usual error
//! answer; a failure on a later page ends the stream with an error, which aborts the chunked
//! transfer without its terminating chunk: a client never takes a cut-short export for a
//! complete one. Free-text cells are made spreadsheet-safe by the callers (`csv_safe`).

use crate::error::ApiError;
use actix_web::{HttpResponse, web};
use futures_util::{Stream, StreamExt};

/// `rows` as CSV bytes, after `header` when there is one.
fn encode<R>(header: Option<&[&str]>, rows: Vec<R>) -> Result<web::Bytes, ApiError>
where
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    if let Some(header) = header {
        writer.write_record(header).map_err(ApiError::internal)?;
    }
    for row in rows {
        writer.write_record(row).map_err(ApiError::internal)?;
    }
    writer
        .into_inner()
        .map(web::Bytes::from)
        .map_err(ApiError::internal)
}

/// A `200` attachment named `filename`: `header`, then every page of `pages` (rows of cells).
///
/// # Errors
/// The first page's error, before anything is sent.
pub async fn attachment<S, R>(
    filename: &str,
    header: &'static [&'static str],
    pages: S,
) -> Result<HttpResponse, ApiError>
where
    S: Stream<Item = Result<Vec<R>, ApiError>> + Unpin + 'static,
    R: IntoIterator + 'static,
    R::Item: AsRef<[u8]>,
{
    // Fused: an export with no rows has ended at the first page, and is never polled again.
    let mut pages = pages.fuse();
    let first = pages.next().await.transpose()?.unwrap_or_default();
    let head = encode(Some(header), first)?;
    let rest = pages.map(|page| {
        page.inspect_err(|e| tracing::error!(error = %e, "csv export failed mid-way: aborted"))
            .and_then(|rows| encode(None, rows))
    });
    let body = futures_util::stream::once(async move { Ok::<_, ApiError>(head) }).chain(rest);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"{filename}\""),
        ))
        .streaming(body))
}
