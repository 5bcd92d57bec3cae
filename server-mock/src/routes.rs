//! The route table's row: every route the mock serves is one [`Operation`], which says both how it
//! is served (its handler) and how it is documented (what it takes and answers). Each part of the
//! mock keeps its own table beside its handlers; [`crate::operations`] gathers them, and the router
//! and the OpenAPI document are both built from them, so they cannot drift apart.

use axum::{
    Router,
    handler::Handler,
    http,
    routing::{MethodFilter, MethodRouter, on},
};
use schemars::{JsonSchema, Schema, SchemaGenerator};

use crate::{
    AppState,
    access::{self, Access, Login},
};

/// Produces the JSON Schema of one wire type (for the OpenAPI document).
pub type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

/// The [`SchemaFn`] of `T`: a reference to its definition.
pub fn schema<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

/// `schema`, filed under `name` among the document's schemas: a reference to it. For an input
/// no one type describes (a form whose fields differ from step to step).
pub fn named(generator: &mut SchemaGenerator, name: &str, schema: Schema) -> Schema {
    let path = generator.settings().definitions_path.trim_start_matches('/').to_owned();
    generator.definitions_mut().insert(name.to_owned(), schema.to_value());
    schemars::json_schema!({ "$ref": format!("#/{path}/{name}") })
}

/// What a route reads from the request.
#[derive(Clone, Copy)]
pub enum Input {
    Nothing,
    /// A JSON body of this type.
    Json(SchemaFn),
    /// Query parameters: the fields of this type, each optional.
    Query(SchemaFn),
    /// An `application/x-www-form-urlencoded` body of this type.
    Form(SchemaFn),
}

/// What a route answers.
#[derive(Clone, Copy)]
pub enum Answer {
    /// 200 with this JSON type; a refusal is core's error body.
    Json(SchemaFn),
    /// 204; a refusal is core's error body.
    NoContent,
    /// 200 with an HTML page.
    Html,
    /// A simulator step: the next page (200 on a `GET`) or a redirect to it (303 on a `POST`), or
    /// the first page again naming what was wrong with the typed account ID (422).
    Page,
    /// A hand-off: always a 303, to the app's first step or to its page naming the token's
    /// problem, a missing token included; so its input is documented as optional.
    Handoff,
    /// 200 with a stylesheet.
    Css,
    /// A 303 elsewhere (Huawei's login URL, on to the unified login, setting a cookie), or a page
    /// naming what is missing (422).
    Redirect,
}

/// Which part of the mock a route belongs to (the document's tag).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    /// `/api`: what the app calls.
    Api,
    /// The marketplaces' own pages, as a buyer sees them.
    Marketplace,
    /// Where a marketplace hands the buyer to us.
    Handoff,
    /// Developer pages: mailbox and faults.
    Developer,
}

impl Part {
    pub fn tag(self) -> &'static str {
        match self {
            Part::Api => "api",
            Part::Marketplace => "marketplace",
            Part::Handoff => "handoff",
            Part::Developer => "developer",
        }
    }
}

/// The HTTP method of a route, written once: the router and the document both take it from here.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    /// `handler`, served on this method.
    pub fn router<H, T>(self, handler: H) -> MethodRouter<AppState>
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = match self {
            Method::Get => MethodFilter::GET,
            Method::Post => MethodFilter::POST,
        };
        on(filter, handler)
    }

    /// The name the OpenAPI document files an operation under: `get`, `post`.
    pub fn openapi_name(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
        }
    }

    /// Whether a request with `method` is for this one.
    pub fn is(self, method: &http::Method) -> bool {
        match self {
            Method::Get => method == http::Method::GET,
            Method::Post => method == http::Method::POST,
        }
    }
}

/// Builds a route's [`MethodRouter`] on the method its [`Operation`] names:
/// `|method| method.router(handler)`.
pub type Serve = fn(Method) -> MethodRouter<AppState>;

/// One route: how it is served and how it is documented, in one place.
#[derive(Clone, Copy)]
pub struct Operation {
    pub method: Method,
    pub path: &'static str,
    pub summary: &'static str,
    pub part: Part,
    /// Who may call it: enforced in front of the handler ([`access::guard`]).
    pub access: Access,
    /// Whether the route honours an `Idempotency-Key` header.
    pub idempotent: bool,
    /// The statuses of its own refusals, beyond those its access, input and key imply (see
    /// [`crate::openapi`]): e.g. 404 for an unknown ID, 409 for a step out of order, 429.
    pub refusals: &'static [u16],
    /// The cookies its success sets or clears (`Set-Cookie`), by name.
    pub cookies: &'static [&'static str],
    /// Whether it mails the user (a code, a username): in the language `Accept-Language` prefers.
    pub mails: bool,
    pub input: Input,
    pub answer: Answer,
    serve: Serve,
}

impl Operation {
    pub const fn new(
        part: Part,
        method: Method,
        path: &'static str,
        summary: &'static str,
        input: Input,
        answer: Answer,
        serve: Serve,
    ) -> Operation {
        Operation {
            method,
            path,
            summary,
            part,
            access: Access::Open,
            idempotent: false,
            refusals: &[],
            cookies: &[],
            mails: false,
            input,
            answer,
            serve,
        }
    }

    /// Only in an activation session.
    pub const fn session(self) -> Operation {
        Operation { access: Access::Session, ..self }
    }

    /// Honours an idempotency key.
    pub const fn keyed(self) -> Operation {
        Operation { idempotent: true, ..self }
    }

    /// Only signed in to `login`.
    pub const fn signed_in(self, login: Login) -> Operation {
        Operation { access: Access::SignedIn(login), ..self }
    }

    /// Its handler also refuses with these statuses (documented, not enforced).
    pub const fn refusing(self, statuses: &'static [u16]) -> Operation {
        Operation { refusals: statuses, ..self }
    }

    /// Its success sets or clears `names` (`Set-Cookie`).
    pub const fn setting(self, names: &'static [&'static str]) -> Operation {
        Operation { cookies: names, ..self }
    }

    /// It mails the user, in the language of the request's `Accept-Language`.
    pub const fn mailing(self) -> Operation {
        Operation { mails: true, ..self }
    }

    /// The handler, on the route's method, behind the route's access check.
    pub fn method_router(&self) -> MethodRouter<AppState> {
        access::guard(self.access, (self.serve)(self.method))
    }
}

/// A router serving `operations`; several on one path share it, one method each.
pub fn router<'a>(operations: impl IntoIterator<Item = &'a Operation>) -> Router<AppState> {
    operations
        .into_iter()
        .fold(Router::new(), |router, op| router.route(op.path, op.method_router()))
}
