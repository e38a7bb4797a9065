import Fluent
import XCTest
@testable import ShieldwallServer

/// The models read most often list their properties by hand (`properties`), because Fluent otherwise finds them by
/// reflection for every row it reads or writes. A property left out of a list would silently never be read or
/// saved: each list must hold exactly the model's property wrappers, in declaration order.
final class ModelPropertiesTests: XCTestCase {
    static let listed: [any Model] = [
        Community(), CommunityPerson(), CommunityOrganisation(), CharterAcceptance(), CommunityEvent(), EventResponse(),
        Person(), Organisation(), WebSession(), InstanceSetting(), PersonNotification(), ConversationThread(), ThreadPost(),
        ThreatReport(), AssessmentAnswer(), PlanAction(), HelpRequest(),
    ]

    func testEachHandListIsExactlyTheModelsPropertyWrappers() {
        for model in Self.listed {
            let declared = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }.map { ObjectIdentifier($0 as AnyObject) }
            let listed = model.properties.map { ObjectIdentifier($0 as AnyObject) }
            XCTAssertEqual(listed, declared, "\(type(of: model)).properties differs from its declared fields")
        }
    }
}
