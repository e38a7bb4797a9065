import Fluent
import Foundation

/// A firm's communities for its page (Accounts asks through `OrganisationCommunityList`).
struct FirmCommunities: OrganisationCommunityList {
    func communities(of organisation: UUID, people: [Person], on db: any Database) async throws -> [OrganisationCommunity] {
        var communities: [OrganisationCommunity] = []
        for row in try await CommunityOrganisation.query(on: db).filter(\.$organisation.$id == organisation).with(\.$community).all() {
            let accepted = Set(try await CharterAcceptance.query(on: db).filter(\.$community.$id == row.$community.id)
                .filter(\.$version == row.community.charterVersion).values(\.$person.$id))
            communities.append(OrganisationCommunity(name: row.community.name, slug: row.community.slug, status: row.status.rawValue,
                                                     people: people.filter { person in person.id.map(accepted.contains) ?? false }.map(\.displayName)))
        }
        return communities.sorted { $0.name < $1.name }
    }
}
