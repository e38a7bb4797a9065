/// Traffic Light Protocol 2.0 markings (FIRST), with the official STIX 2.1 marking-definition ids.
public enum TLP: String, Codable, Sendable, CaseIterable, Comparable {
    case clear, green, amber, amberStrict = "amber+strict", red

    /// The label people know: `TLP:AMBER+STRICT`.
    public var label: String { "TLP:" + rawValue.uppercased() }

    private var rank: Int {
        switch self { case .clear: 0; case .green: 1; case .amber: 2; case .amberStrict: 3; case .red: 4 }
    }

    public static func < (a: TLP, b: TLP) -> Bool { a.rank < b.rank }

    /// Reads `amber`, `AMBER+STRICT`, `TLP:green`, `white` (TLP 1.0 for CLEAR).
    public init?(label: String) {
        var text = label.trimmingWhitespace().lowercased()
        if text.hasPrefix("tlp:") { text.removeFirst(4) }
        if text == "white" { self = .clear; return }
        guard let tlp = TLP(rawValue: text) else { return nil }
        self = tlp
    }

    /// The id of the official TLP 2.0 marking definition (STIX 2.1 extension
    /// `extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d`).
    public var stixMarkingID: String {
        switch self {
        case .clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
        case .green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
        case .amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
        case .amberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
        case .red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
        }
    }

    public static let stixTLP2Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

    /// The TLP 1.0 marking definitions of STIX 2.1 (section 7.2.1.4), recognised on import.
    public static let stixTLP1: [String: TLP] = [
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": .clear,
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": .green,
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": .amber,
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": .red,
    ]

    /// The marking behind a STIX marking-definition id, TLP 2.0 or 1.0; `nil` for anything else.
    public init?(stixMarkingID id: String) {
        if let tlp = TLP.allCases.first(where: { $0.stixMarkingID == id }) { self = tlp; return }
        guard let tlp = TLP.stixTLP1[id] else { return nil }
        self = tlp
    }
}
