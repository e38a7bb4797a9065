import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The shipped modules, read once and checked at start.
enum TrainingContent {
    static let loaded: Result<TrainingLibrary, ShippedFileError> = {
        do { return .success(try TrainingLibrary.bundled()) }
        catch let error as ShippedFileError { return .failure(error) }
        catch { return .failure(ShippedFileError(file: "training", id: nil, reason: "\(error)")) }
    }()

    static func library() throws -> TrainingLibrary { try loaded.get() }
}

/// A course as a person sees it: one of our modules or an external course, in their language where it exists.
struct Course: Sendable {
    let key: CourseKey
    let title: String
    let summary: String
    /// Nil for our own modules.
    let provider: String?
    let minutes: Int
    let language: String
    let languages: [String]
    /// Where an external course is given.
    let url: String?
    /// The community offering it, nil for the whole instance.
    let community: (id: UUID, name: String, slug: String)?
    let status: TrainingCourse.Status
    let authorID: UUID?

    var isModule: Bool { key.isModule }

    var offer: TrainingAccess.Offer { community == nil ? .instance : .community(role: nil) }

    static func module(_ m: TrainingModule, languages: [String]) -> Course {
        Course(key: .module(m.id), title: m.title, summary: m.summary, provider: nil, minutes: m.minutes, language: m.language, languages: languages,
               url: nil, community: nil, status: .published, authorID: nil)
    }

    static func external(_ row: TrainingCourse, language: String, community: (id: UUID, name: String, slug: String)?) throws -> Course {
        let versions = try row.versions()
        let chosen = CourseLanguages.pick(language, among: versions.map(\.language)).flatMap { l in versions.first { $0.language == l } } ?? versions[0]
        return Course(key: .external(try row.requireID()), title: chosen.title, summary: chosen.summary, provider: row.provider, minutes: row.minutes,
                      language: chosen.language, languages: versions.map(\.language), url: chosen.url, community: community,
                      status: row.status, authorID: row.$author.id)
    }
}

/// The one query scope for training: which courses a person may see (`TrainingAccess.canSeeCourse`), the firm an
/// admin manages, and whose record a viewer may read. Anything else is "not found".
enum TrainingScope {
    /// Every course `person` may see, ours first then external ones by title: published ones offered to them, and
    /// their own drafts.
    static func courses(for person: SignedIn, on db: any Database) async throws -> [Course] {
        let library = try TrainingContent.library()
        let modules = library.ids.compactMap { id in library.module(id, language: person.language).map { Course.module($0, languages: library.languages(of: id)) } }
        let roles = try await CommunityStandings.activeCommunityIDs(of: person, on: db)
        let rows = try await TrainingCourse.query(on: db).group(.or) { or in
            or.filter(\.$community.$id == nil)
            if !roles.isEmpty { or.filter(\.$community.$id ~~ Array(roles.keys)) }
            or.filter(\.$author.$id == person.personID)
        }.all()
        let names = try await communityNames(Set(rows.compactMap(\.$community.id)), on: db)
        let external = try rows.filter { row in
            TrainingAccess.canSeeCourse(offer(row, roles: roles), published: row.status == .published, author: row.$author.id.uuidString, viewer: person.viewer)
        }.map { try Course.external($0, language: person.language, community: $0.$community.id.flatMap { names[$0] }) }
        return modules + external.sorted { $0.title.localizedCaseInsensitiveCompare($1.title) == .orderedAscending }
    }

    /// The course named by `key`, if `person` may see it; 404 otherwise.
    static func course(_ key: CourseKey?, for person: SignedIn, on db: any Database) async throws -> Course {
        guard let key, let course = try await courses(for: person, on: db).first(where: { $0.key == key }) else {
            throw Refusal(.notFound, "training.error.no-course")
        }
        return course
    }

    /// The external course row named in the address, for its author or whoever may offer courses where it is offered.
    static func editableCourse(_ req: Request, person: SignedIn) async throws -> TrainingCourse {
        guard let id = req.parameters.get(.courseID, as: UUID.self), let row = try await TrainingCourse.find(id, on: req.db) else {
            throw Refusal(.notFound, "training.error.no-course")
        }
        let roles = try await CommunityStandings.activeCommunityIDs(of: person, on: req.db)
        guard TrainingAccess.canEditCourse(offer(row, roles: roles), draft: row.status == .draft, author: row.$author.id.uuidString, viewer: person.viewer) else {
            throw Refusal(.notFound, "training.error.no-course")
        }
        return row
    }

    static func offer(_ row: TrainingCourse, roles: [UUID: CommunityRole]) -> TrainingAccess.Offer {
        row.$community.id.map { .community(role: roles[$0]) } ?? .instance
    }

    /// The firm in the address, for its admin; anyone else finds nothing.
    static func managedFirm(_ req: Request, person: SignedIn) throws -> UUID {
        guard let id = req.parameters.get(.orgID, as: UUID.self), TrainingAccess.canManage(firm: id.uuidString, viewer: person.viewer) else {
            throw Refusal(.notFound, "error.organisation-not-found")
        }
        return id
    }

    /// The person in the address, if the viewer may read their training record (themselves, or their firm's admin).
    static func recordOwner(_ req: Request, person: SignedIn) async throws -> Person {
        guard let id = req.parameters.get(.personID, as: UUID.self), let owner = try await Person.find(id, on: req.db),
              TrainingAccess.canSeeRecord(of: id.uuidString, firm: owner.$organisation.id?.uuidString, viewer: person.viewer) else {
            throw Refusal(.notFound, "training.error.no-person")
        }
        return owner
    }

    /// The active people of a firm, by name.
    static func people(of firm: UUID, on db: any Database) async throws -> [Person] {
        try await Person.query(on: db).filter(\.$organisation.$id == firm).filter(\.$deactivatedAt == nil).sort(\.$displayName).all()
    }

    static func communityNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: (id: UUID, name: String, slug: String)] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: (id: UUID, name: String, slug: String)] = [:]
        for c in try await Community.query(on: db).filter(\.$id ~~ Array(ids)).all() {
            if let id = c.id { names[id] = (id, c.name, c.slug) }
        }
        return names
    }
}
