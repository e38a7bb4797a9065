import Foundation
import XCTest
@testable import ShieldwallCore

final class ProviderListingTests: XCTestCase {
    func listing(_ name: String, _ website: String, services: [ProviderService] = [.backup]) -> ProviderListing {
        ProviderListing(name: name, website: website, services: services, area: "Leeds", clientSizes: [.micro], certifications: [])
    }

    func testAnEntryNeedsANameAServiceAndAWebAddress() {
        XCTAssertEqual(listing("Acme Backup", "acme.example").problems(), [])
        XCTAssertEqual(listing("  ", "", services: []).problems(), [.required(.name), .required(.website), .required(.services)])
        XCTAssertEqual(listing("Acme", "ftp://acme.example").problems(), [.badWebsite])
        XCTAssertEqual(listing("Acme", "javascript:alert(1)").problems(), [.badWebsite])
        XCTAssertEqual(listing("Acme", "localhost").problems(), [.badWebsite])
        XCTAssertEqual(listing(String(repeating: "a", count: 121), "acme.example").problems(), [.tooLong(.name, max: 120)])
        var many = listing("Acme", "acme.example")
        many.certifications = Array(repeating: "ISO 27001", count: 11)
        XCTAssertEqual(many.problems(), [.tooMany(.certifications, max: 10)])
    }

    func testTheSameProviderIsCaughtByNameOrByWebAddress() {
        let existing: [(id: Int, name: String, website: String)] = [(1, "Müller IT GmbH", "https://mueller-it.example"),
                                                                     (2, "Northern Backup Ltd", "https://www.nbackup.example/en")]
        XCTAssertEqual(ProviderListing.duplicate(of: listing("muller-it", "other.example"), among: existing), 1, "accents, case, legal form")
        XCTAssertEqual(ProviderListing.duplicate(of: listing("NB", "http://NBACKUP.example"), among: existing), 2, "www. and case of the host")
        XCTAssertNil(ProviderListing.duplicate(of: listing("Northern Hosting", "nhosting.example"), among: existing))
        XCTAssertNil(ProviderListing.duplicate(of: listing("Müller IT", "mueller-it.example"), among: existing, excluding: 1), "not its own duplicate")
        XCTAssertEqual(ProviderListing.nameKey("The Co."), "theco", "a name of legal words only keeps them")
    }
}

final class ProviderReviewTests: XCTestCase {
    let admin = Viewer(personID: "p1", organisationID: "firm-a", organisationRole: .admin, isOperator: false)
    let staff = Viewer(personID: "p2", organisationID: "firm-a", organisationRole: .staff, isOperator: false)

    func testOnlyTheAdminOfAFirmThatUsesTheProviderReviewsItOnce() {
        XCTAssertNil(ProviderReviews.mayReview(firmOf: admin, declaresUse: true, hasReviewed: false, speaksForProvider: false))
        XCTAssertEqual(ProviderReviews.mayReview(firmOf: admin, declaresUse: false, hasReviewed: false, speaksForProvider: false), .notAUser)
        XCTAssertEqual(ProviderReviews.mayReview(firmOf: admin, declaresUse: true, hasReviewed: true, speaksForProvider: false), .alreadyReviewed)
        XCTAssertEqual(ProviderReviews.mayReview(firmOf: staff, declaresUse: true, hasReviewed: false, speaksForProvider: false), .notFirmAdmin)
        XCTAssertEqual(ProviderReviews.mayReview(firmOf: admin, declaresUse: true, hasReviewed: false, speaksForProvider: true), .providerCannotReview)
        let expert = Viewer(personID: "e", organisationID: nil, organisationRole: nil, isOperator: false)
        XCTAssertEqual(ProviderReviews.mayReview(firmOf: expert, declaresUse: true, hasReviewed: false, speaksForProvider: false), .notFirmAdmin)
    }

    func testEveryRatingIsNeededAndFromOneToFive() {
        let full = Dictionary(uniqueKeysWithValues: ProviderReviews.Rating.allCases.map { ($0, 4) })
        XCTAssertEqual(ProviderReviews.problems(.init(ratings: full, practice: [:], text: "Fine.", anonymous: false)), [])
        var bad = full
        bad[.overall] = 6
        bad[.pricingClarity] = 0
        bad[.responsiveness] = nil
        XCTAssertEqual(ProviderReviews.problems(.init(ratings: bad, practice: [:], text: String(repeating: "x", count: 4_001), anonymous: false)),
                       [.ratingOutOfRange(.pricingClarity), .missingRating(.responsiveness), .ratingOutOfRange(.overall), .tooLong(max: 4_000)])
    }

    func scored(_ firm: String, _ overall: Int, mfa: ProviderReviews.Answer = .unknown) -> ProviderReviews.Scored {
        .init(firm: firm, ratings: [.overall: overall, .pricingClarity: 3], practice: [.usesMFA: mfa])
    }

    func testScoresShowOnlyFromThreeFirms() {
        let two = ProviderReviews.scores([scored("a", 5), scored("b", 4), scored("b", 4)])
        XCTAssertFalse(two.isShown)
        XCTAssertEqual(two.reviewingFirms, 2, "a firm counts once")
        XCTAssertEqual(two.averages, [:], "nothing that could be traced to one firm")
        XCTAssertTrue(two.practice.isEmpty)

        let three = ProviderReviews.scores([scored("a", 5, mfa: .yes), scored("b", 4, mfa: .no), scored("c", 4)])
        XCTAssertTrue(three.isShown)
        XCTAssertEqual(three.averages[.overall], 4.3)
        XCTAssertEqual(three.averages[.pricingClarity], 3)
        XCTAssertEqual(three.practice[.usesMFA]?.yes, 1)
        XCTAssertEqual(three.practice[.usesMFA]?.known, 2, "don't know is not counted either way")

        XCTAssertFalse(ProviderReviews.scores([scored("a", 5), scored("b", 4), scored("c", 4)], k: 5).isShown, "the instance's k")
        XCTAssertTrue(ProviderReviews.scores([scored("a", 5), scored("b", 4), scored("c", 4)], k: 1).isShown == true
            && ProviderReviews.scores([scored("a", 5), scored("b", 4)], k: 1).isShown == false, "never below three")
    }

    func testAFirmIsNamedOnlyToPeopleWhoShareACommunityWithItAndNeverWhenAnonymous() {
        let other = Viewer(personID: "p9", organisationID: "firm-b", organisationRole: .admin, isOperator: false)
        let op = Viewer(personID: "op", organisationID: nil, organisationRole: nil, isOperator: true)
        func author(_ viewer: Viewer, anonymous: Bool, shares: Bool) -> ProviderReviews.Author {
            ProviderReviews.author(firm: "firm-a", firmName: "Bakery", anonymous: anonymous, viewer: viewer, sharesCommunity: shares)
        }
        XCTAssertEqual(author(other, anonymous: false, shares: true), .firm("Bakery"))
        XCTAssertEqual(author(other, anonymous: false, shares: false), .memberFirm)
        XCTAssertEqual(author(other, anonymous: true, shares: true), .memberFirm)
        XCTAssertEqual(author(op, anonymous: true, shares: false), .memberFirm, "the operator does not see who wrote an anonymous review")
        XCTAssertEqual(author(op, anonymous: false, shares: false), .memberFirm, "nor a firm it shares no community with")
        XCTAssertEqual(author(staff, anonymous: true, shares: false), .firm("Bakery"), "the firm's own people see it is theirs")
        XCTAssertEqual(ProviderReviews.moderationAuthor(firmName: "Bakery", anonymous: true), .memberFirm, "moderating does not unmask")
        XCTAssertEqual(ProviderReviews.moderationAuthor(firmName: "Bakery", anonymous: false), .firm("Bakery"))
    }

    func testOnlyTheProvidersPeopleAnswerAndOnlyItsFirmAndTheOperatorSeeAHiddenReview() {
        let other = Viewer(personID: "p9", organisationID: "firm-b", organisationRole: .admin, isOperator: false)
        let op = Viewer(personID: "op", organisationID: nil, organisationRole: nil, isOperator: true)
        XCTAssertTrue(ProviderAccess.canAnswer(representsProvider: true))
        XCTAssertFalse(ProviderAccess.canAnswer(representsProvider: false))
        XCTAssertTrue(ProviderAccess.canSeeHidden(firm: "firm-a", viewer: staff))
        XCTAssertTrue(ProviderAccess.canSeeHidden(firm: "firm-a", viewer: op))
        XCTAssertFalse(ProviderAccess.canSeeHidden(firm: "firm-a", viewer: other))
        XCTAssertTrue(ProviderAccess.canModerate(op) && ProviderAccess.canInviteRepresentative(op))
        XCTAssertFalse(ProviderAccess.canModerate(other) || ProviderAccess.canInviteRepresentative(other))
        XCTAssertEqual(ProviderReviews.mayReview(firmOf: admin, declaresUse: true, hasReviewed: false, speaksForProvider: true), .providerCannotReview)
    }
}

final class PooledPurchaseTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func testAProposalNeedsATitleAndADeadlineWithinAYear() {
        let week = now.addingTimeInterval(7 * 86_400)
        XCTAssertEqual(PooledPurchase.problems(title: "Password manager", details: "", unit: "licences", deadline: week, now: now), [])
        XCTAssertEqual(PooledPurchase.problems(title: " ", details: "", unit: "", deadline: now, now: now), [.titleRequired, .deadlinePassed])
        XCTAssertEqual(PooledPurchase.problems(title: "x", details: "", unit: "", deadline: now.addingTimeInterval(400 * 86_400), now: now),
                       [.deadlineTooFar])
    }

    func testInterestIsTakenUntilTheDeadlineAndCountedOncePerFirm() {
        let deadline = now.addingTimeInterval(3_600)
        XCTAssertEqual(PooledPurchase.status(deadline: deadline, decided: false, now: now), .open)
        XCTAssertEqual(PooledPurchase.status(deadline: deadline, decided: false, now: deadline), .closed)
        XCTAssertEqual(PooledPurchase.status(deadline: deadline, decided: true, now: now), .decided)
        XCTAssertNil(PooledPurchase.interestProblem(quantity: 12, status: .open))
        XCTAssertEqual(PooledPurchase.interestProblem(quantity: 12, status: .closed), .notOpen)
        XCTAssertEqual(PooledPurchase.interestProblem(quantity: -1, status: .open), .quantityOutOfRange(max: 100_000))
        let total = PooledPurchase.total([("a", 5), ("b", 3), ("a", 7), ("c", 0)])
        XCTAssertEqual(total.firms, 2, "a changed figure replaces the firm's first; zero withdraws")
        XCTAssertEqual(total.quantity, 10)
        XCTAssertEqual(PooledPurchase.outcomeProblem(isOrganiser: false, isFacilitator: false, status: .closed), .notOrganiser)
        XCTAssertNil(PooledPurchase.outcomeProblem(isOrganiser: false, isFacilitator: true, status: .closed))
        XCTAssertEqual(PooledPurchase.outcomeProblem(isOrganiser: true, isFacilitator: false, status: .decided), .notOpen)
    }

    func testOnlyAFirmsAdminRegistersItsInterestAndOnlyTheOrganiserOrFacilitatorDecides() {
        let member = CommunityStanding(role: .member, acceptedCharterVersion: 1, currentCharterVersion: 1, isOperator: false)
        let facilitator = CommunityStanding(role: .facilitator, acceptedCharterVersion: 1, currentCharterVersion: 1, isOperator: false)
        let outsider = CommunityStanding(role: nil, acceptedCharterVersion: nil, currentCharterVersion: 1, isOperator: true)
        var archived = member
        archived.communityArchived = true
        let admin = Viewer(personID: "p1", organisationID: "firm-a", organisationRole: .admin, isOperator: false)
        let staff = Viewer(personID: "p2", organisationID: "firm-a", organisationRole: .staff, isOperator: false)
        XCTAssertTrue(PurchaseAccess.canRead(member) && PurchaseAccess.canPropose(member))
        XCTAssertFalse(PurchaseAccess.canRead(outsider), "the operator does not read a community's content")
        XCTAssertTrue(PurchaseAccess.canRead(archived) && !PurchaseAccess.canPropose(archived), "an archived community is read-only")
        XCTAssertTrue(PurchaseAccess.canRegisterInterest(member, firm: "firm-a", firmTakesPart: true, viewer: admin))
        XCTAssertFalse(PurchaseAccess.canRegisterInterest(member, firm: "firm-a", firmTakesPart: true, viewer: staff), "staff do not speak for the firm")
        XCTAssertFalse(PurchaseAccess.canRegisterInterest(member, firm: "firm-a", firmTakesPart: false, viewer: admin), "the firm must take part")
        XCTAssertFalse(PurchaseAccess.canRegisterInterest(archived, firm: "firm-a", firmTakesPart: true, viewer: admin))
        XCTAssertTrue(PurchaseAccess.canDecide(member, isOrganiser: true))
        XCTAssertTrue(PurchaseAccess.canDecide(facilitator, isOrganiser: false))
        XCTAssertFalse(PurchaseAccess.canDecide(member, isOrganiser: false))
    }
}
