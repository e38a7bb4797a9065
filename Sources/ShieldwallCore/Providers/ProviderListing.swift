import Foundation

/// What the directory says of an IT or security provider, and the rules a proposed entry must pass before an
/// operator or facilitator approves it (issue #29). The services are a fixed list so that the assessment's next
/// steps can point at "backup providers" without guessing from free text.
public enum ProviderService: String, CaseIterable, Codable, Sendable {
    case managedIT = "managed-it"
    case webHosting = "web-hosting"
    case onlineShop = "online-shop"
    case accountingSoftware = "accounting-software"
    case backup
    case securityServices = "security-services"
    case insurance
}

/// The size of the firms a provider works for, in the EU's bands (staff): micro 1–9, small 10–49, medium 50–249.
public enum ClientSize: String, CaseIterable, Codable, Sendable {
    case micro, small, medium
}

/// A certification as the directory shows it: what the provider states is "stated, not checked" until an
/// operator has seen the certificate.
public struct Certification: Codable, Sendable, Equatable {
    public var name: String
    public var verified: Bool

    public init(name: String, verified: Bool = false) {
        self.name = name
        self.verified = verified
    }
}

/// A directory entry as proposed or edited, before it is stored.
public struct ProviderListing: Sendable, Equatable {
    public var name: String
    public var website: String
    public var services: [ProviderService]
    public var area: String
    public var clientSizes: [ClientSize]
    public var certifications: [String]

    public init(name: String, website: String, services: [ProviderService], area: String, clientSizes: [ClientSize], certifications: [String]) {
        self.name = name
        self.website = website
        self.services = services
        self.area = area
        self.clientSizes = clientSizes
        self.certifications = certifications
    }

    public static let maxName = 120
    public static let maxArea = 200
    public static let maxCertifications = 10
    public static let maxCertification = 80

    public enum Field: String, Sendable { case name, website, services, area, certifications }

    public enum Problem: Error, Equatable, Sendable {
        case required(Field)
        case tooLong(Field, max: Int)
        /// Not an http(s) address with a host.
        case badWebsite
        case tooMany(Field, max: Int)
    }

    /// Every problem of the entry, field by field; empty when it may be stored. Names and areas are trimmed.
    public func problems() -> [Problem] {
        var out: [Problem] = []
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { out.append(.required(.name)) } else if name.count > Self.maxName { out.append(.tooLong(.name, max: Self.maxName)) }
        if website.trimmingCharacters(in: .whitespaces).isEmpty { out.append(.required(.website)) }
        else if ProviderListing.host(of: website) == nil { out.append(.badWebsite) }
        if services.isEmpty { out.append(.required(.services)) }
        if area.count > Self.maxArea { out.append(.tooLong(.area, max: Self.maxArea)) }
        if certifications.count > Self.maxCertifications { out.append(.tooMany(.certifications, max: Self.maxCertifications)) }
        if certifications.contains(where: { $0.count > Self.maxCertification }) { out.append(.tooLong(.certifications, max: Self.maxCertification)) }
        return out
    }

    /// The host of an http(s) address, lowercased and without a leading `www.`; nil when it is not one. An address
    /// without a scheme (`example.com/shop`) is read as https, as people type them.
    public static func host(of website: String) -> String? {
        var text = website.trimmingCharacters(in: .whitespaces)
        if !text.contains("://") { text = "https://" + text }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              var host = url.host?.lowercased(), host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".")
        else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host
    }

    /// The address as stored: with its scheme, as typed otherwise.
    public static func normalisedWebsite(_ website: String) -> String {
        let text = website.trimmingCharacters(in: .whitespaces)
        return text.contains("://") ? text : "https://" + text
    }

    /// A name reduced to what tells two firms apart: case, accents, punctuation and legal forms do not count, so
    /// "Müller IT GmbH" and "muller-it" are the same provider.
    public static func nameKey(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en"))
        let words = folded.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        let kept = words.filter { !legalForms.contains($0) }
        return (kept.isEmpty ? words : kept).joined()
    }

    private static let legalForms: Set<String> = ["ltd", "limited", "plc", "llc", "llp", "inc", "corp", "co", "gmbh", "ag", "kg", "bv", "nv",
                                                  "sl", "sa", "sas", "sarl", "srl", "spa", "oy", "ab", "as", "aps", "the"]

    /// The first entry among `existing` that is the same provider as `candidate`: the same name key or the same
    /// web host. An entry is not its own duplicate (`excluding`).
    public static func duplicate<ID: Equatable>(of candidate: ProviderListing, among existing: [(id: ID, name: String, website: String)],
                                                excluding: ID? = nil) -> ID? {
        let key = nameKey(candidate.name), host = host(of: candidate.website)
        return existing.first { entry in
            entry.id != excluding && (nameKey(entry.name) == key || (host != nil && self.host(of: entry.website) == host))
        }?.id
    }
}
