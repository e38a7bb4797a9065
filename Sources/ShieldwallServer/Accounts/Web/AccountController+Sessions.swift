import Fluent
import Foundation
import Vapor

/// Where I am signed in, and signing out of one place or everywhere.
extension AccountController {
    @Sendable func showSessions(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        return AccountView.sessions(try await req.pageContext(), try await SessionsPage.build(for: person, on: req.db))
    }

    @Sendable func revokeSession(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        guard let id = req.parameters.get(.sessionID, as: UUID.self),
              let session = try await WebSession.query(on: req.db).filter(\.$id == id)
                .filter(\.$person.$id == person.personID).first()
        else { throw Abort(.notFound, reason: req.t("error.session-not-found")) }
        try await session.delete(on: req.db)
        if id == person.sessionID {
            let response = req.seeOther(SiteURL.signIn.path, flash: "flash.signed-out")
            response.cookies[WebSessionMiddleware.sessionCookie] = .expired
            return response
        }
        return req.seeOther(SiteURL.accountSessions.path, flash: "flash.session-ended")
    }

    @Sendable func signOutEverywhere(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        try await WebSession.query(on: req.db).filter(\.$person.$id == person.personID).delete()
        try await AuditLog.record(.signOutEverywhere, signedIn: person, req: req)
        let response = req.seeOther(SiteURL.signIn.path, flash: "flash.signed-out-everywhere")
        response.cookies[WebSessionMiddleware.sessionCookie] = .expired
        return response
    }
}
