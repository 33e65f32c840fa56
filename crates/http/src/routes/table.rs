//! The route table as something a test can read. Routes are registered through a [`Router`]
//! that hands each resource to actix *and* records `(method, full path)`, so the table that
//! [`super::table`] returns is, by construction, what actix serves: there is no second list
//! to forget to update. The OpenAPI test compares it with the document in both directions.
//!
//! Every resource answers a method it does not route with the 405 envelope and an `Allow`
//! header listing the ones it does (its default service); paths that match no resource fall through to actix's 404, which the context
//! middleware turns into the 404 envelope.

use crate::error::{ApiError, ErrorCode};
use actix_web::dev::HttpServiceFactory;
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{
    FromRequest, Handler, HttpResponse, Resource, Responder, ResponseError, Scope, web,
};
use std::cell::RefCell;
use std::rc::Rc;

/// One served operation: its method and the full path pattern (`/api/v1/requests/{id}`).
pub type Entry = (Method, String);

/// Where the router writes what it registered (shared by nested routers).
type Seen = Rc<RefCell<Vec<Entry>>>;

/// Registers resources on an actix [`web::ServiceConfig`] and remembers each operation.
pub struct Router<'c> {
    cfg: &'c mut web::ServiceConfig,
    prefix: String,
    seen: Seen,
}

impl<'c> Router<'c> {
    pub(super) fn new(cfg: &'c mut web::ServiceConfig, seen: Seen) -> Self {
        Self {
            cfg,
            prefix: String::new(),
            seen,
        }
    }

    /// A resource at `path` (relative to the enclosing scopes); register it with
    /// [`Route::add`].
    pub fn at(&mut self, path: &str) -> Route<'_, 'c> {
        Route {
            full_path: format!("{}{path}", self.prefix),
            resource: web::resource(path),
            methods: Vec::new(),
            router: self,
        }
    }

    /// A scope under `path` whose routes `routes` registers.
    pub fn nest(&mut self, path: &str, routes: impl FnOnce(&mut Router<'_>)) {
        self.nest_wrapped(path, |scope| scope, routes);
    }

    /// A scope under `path` that `wrap` decorates (e.g. with a rate limiter) and whose routes
    /// `routes` registers.
    pub fn nest_wrapped<S: HttpServiceFactory + 'static>(
        &mut self,
        path: &str,
        wrap: impl FnOnce(Scope) -> S,
        routes: impl FnOnce(&mut Router<'_>),
    ) {
        let prefix = format!("{}{path}", self.prefix);
        let seen = self.seen.clone();
        let scope = web::scope(path).configure(|cfg| {
            routes(&mut Router { cfg, prefix, seen });
        });
        self.cfg.service(wrap(scope));
    }
}

/// The 405 envelope with the `Allow` header RFC 9110 asks for.
fn method_not_allowed(allow: &str) -> HttpResponse {
    let mut response = ApiError::new(ErrorCode::MethodNotAllowed).error_response();
    if let Ok(value) = HeaderValue::from_str(allow) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// A resource being built: its methods are recorded when it is added.
#[must_use = "a route is registered only by `add`"]
pub struct Route<'r, 'c> {
    router: &'r mut Router<'c>,
    full_path: String,
    resource: Resource,
    methods: Vec<Method>,
}

impl Route<'_, '_> {
    pub fn get<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.method(Method::GET, handler)
    }

    pub fn post<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.method(Method::POST, handler)
    }

    pub fn patch<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.method(Method::PATCH, handler)
    }

    pub fn delete<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.method(Method::DELETE, handler)
    }

    fn method<F, Args>(mut self, method: Method, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.resource = self.resource.route(web::method(method.clone()).to(handler));
        self.methods.push(method);
        self
    }

    /// Hands the resource to actix and records its operations. Other methods answer 405
    /// with `Allow` naming these.
    pub fn add(self) {
        let Route {
            router,
            full_path,
            resource,
            methods,
        } = self;
        let allow: Rc<str> = methods
            .iter()
            .map(Method::as_str)
            .collect::<Vec<_>>()
            .join(", ")
            .into();
        let resource = resource.default_service(web::to(move || {
            let allow = allow.clone();
            async move { method_not_allowed(&allow) }
        }));
        router
            .seen
            .borrow_mut()
            .extend(methods.into_iter().map(|m| (m, full_path.clone())));
        router.cfg.service(resource);
    }
}
