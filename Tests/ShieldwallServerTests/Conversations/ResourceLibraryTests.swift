import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// The resource library: links, guides and checked uploads; downloads as attachments; bad files refused.
final class ResourceLibraryTests: XCTestCase {
    let pdf = Array("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

    func testUploadsAreCheckedStoredAndDownloadedAsAttachments() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let asker = try w.browser(.asker)
            let path = SiteURL.communityResourceNew(w.a.slug).path
            _ = try await asker.get(path)
            let added = try await asker.upload(path, ["kind": "file", "title": "Incident response plan template", "description": "One page, fill in the blanks.",
                                                      "tags": "incident, template"], file: ("file", "Incident plan (v2).pdf", pdf))
            XCTAssertEqual(added.status, .seeOther, added.body.string)
            let resource = try await LibraryResource.query(on: world.app.db).firstOrFail()
            let page = try await w.browser(.memberA2).get(SiteURL.resource(try resource.requireID()).path)
            XCTAssertTrue(page.body.string.contains("Download Incident plan (v2).pdf"))
            XCTAssertTrue(page.body.string.contains("Sam Patel"))
            let download = try await w.browser(.memberA2).get(SiteURL.resourceDownload(try resource.requireID()).path)
            XCTAssertEqual(download.status, .ok)
            XCTAssertEqual(download.headers.first(name: .contentType), "application/pdf")
            XCTAssertEqual(download.headers.first(name: .contentDisposition),
                           "attachment; filename=\"Incident plan (v2).pdf\"; filename*=UTF-8''Incident%20plan%20%28v2%29.pdf")
            XCTAssertEqual(download.headers.first(name: "X-Content-Type-Options"), "nosniff")
            XCTAssertEqual(Array(download.body.readableBytesView), pdf)
            let stored = world.app.shieldwall.configuration.dataDirectory.appendingPathComponent("resources/\(try XCTUnwrap(resource.storedName))")
            XCTAssertTrue(FileManager.default.fileExists(atPath: stored.path))
            // Found by search, not by people of another community.
            let found = try await w.browser(.memberA2).get(SiteURL.search.path + "?q=incident+template")
            XCTAssertTrue(found.body.string.contains("1 found"), found.body.string)
            let hidden = try await w.browser(.memberB).get(SiteURL.resourceDownload(try resource.requireID()).path)
            XCTAssertEqual(hidden.status, .notFound)
            // Only the person who added it, or the facilitator, removes it; the file goes too.
            let notYours = try await w.browser(.memberA2).post(SiteURL.resourceDelete(try resource.requireID()).path)
            XCTAssertEqual(notYours.status, .forbidden)
            let removed = try await w.browser(.facilitator).post(SiteURL.resourceDelete(try resource.requireID()).path)
            XCTAssertEqual(removed.status, .seeOther)
            XCTAssertFalse(FileManager.default.fileExists(atPath: stored.path))
            await expectEqual(try await LibraryResource.query(on: world.app.db).count(), 0)
        }
    }

    func testBadUploadsAndLinksAreRefusedWithTheReason() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let asker = try w.browser(.asker)
            let path = SiteURL.communityResourceNew(w.a.slug).path
            _ = try await asker.get(path)
            let fields = ["kind": "file", "title": "Totally a policy"]
            let exe = try await asker.upload(path, fields, file: ("file", "policy.exe", Array("MZ\u{90}\u{0}".utf8)))
            XCTAssertEqual(exe.status, .unprocessableEntity)
            XCTAssertTrue(exe.body.string.contains("Files of type “exe” cannot be shared here."), exe.body.string)
            let html = try await asker.upload(path, fields, file: ("file", "policy.pdf", Array("<html><script>alert(1)</script>".utf8)))
            XCTAssertTrue(html.body.string.contains("not a real .pdf file"))
            let binaryText = try await asker.upload(path, fields, file: ("file", "notes.txt", [0x41, 0x00, 0x42]))
            XCTAssertTrue(binaryText.body.string.contains("not a real .txt file"))
            let big = try await asker.upload(path, fields, file: ("file", "big.pdf", pdf + [UInt8](repeating: 0x20, count: ResourceFile.maxBytes)))
            XCTAssertEqual(big.status, .unprocessableEntity)
            XCTAssertTrue(big.body.string.contains("too large: at most 10 MB"), String(big.body.string.prefix(500)))
            let tooBig = try await asker.upload(path, fields, file: ("file", "huge.pdf", [UInt8](repeating: 0x20, count: ResourceController.maxBody + 10)))
            XCTAssertTrue([.payloadTooLarge, .unprocessableEntity].contains(tooBig.status), "\(tooBig.status)")  // 413 from a real server
            let empty = try await asker.upload(path, fields, file: ("file", "empty.pdf", []))
            XCTAssertTrue(empty.body.string.contains("Choose a file to upload."))
            let script = try await asker.post(path, ["kind": "link", "title": "A sneaky link", "url": "javascript:alert(1)"])
            XCTAssertEqual(script.status, .unprocessableEntity)
            XCTAssertTrue(script.body.string.contains("starting with http:// or https://"))
            await expectEqual(try await LibraryResource.query(on: world.app.db).count(), 0)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: world.app.shieldwall.configuration.dataDirectory
                .appendingPathComponent("resources").path)) ?? []
            XCTAssertEqual(files, [], "nothing half-written")
            // A guide is markdown, rendered inert.
            let guide = try await asker.post(path, ["kind": "guide", "title": "Five things to do today", "body": "1. Turn on **MFA**\n<img src=x onerror=alert(1)>"])
            XCTAssertEqual(guide.status, .seeOther)
            let shown = try await asker.get(try XCTUnwrap(guide.headers.first(name: .location)))
            XCTAssertTrue(shown.body.string.contains("<strong>MFA</strong>"))
            XCTAssertFalse(shown.body.string.contains("<img src=x"))
        }
    }

    func testTheAPIAddsFilesCheckedLikeUploads() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            let path = "/communities/\(w.a.slug)/resources"
            let good = try await world.app.api(.POST, path, token: w.tokens[.asker],
                                               json: #"{"kind":"file","title":"Policy template","file_name":"policy.pdf","content":"\#(Data(pdf).base64EncodedString())"}"#)
            XCTAssertEqual(good.status, .created, good.body.string)
            XCTAssertEqual(good.json["content_type"] as? String, "application/pdf")
            let badBase64 = try await world.app.api(.POST, path, token: w.tokens[.asker], json: #"{"kind":"file","title":"Policy","file_name":"a.pdf","content":"%%%"}"#)
            XCTAssertEqual(badBase64.status, .unprocessableEntity)
            XCTAssertTrue(badBase64.body.string.contains("base64"))
            let html = Data("<html>".utf8).base64EncodedString()
            let disguised = try await world.app.api(.POST, path, token: w.tokens[.asker], json: #"{"kind":"file","title":"Policy","file_name":"a.pdf","content":"\#(html)"}"#)
            XCTAssertEqual(disguised.status, .unprocessableEntity)
            XCTAssertTrue(disguised.body.string.contains("not a real .pdf file"), disguised.body.string)
            let list = try await world.app.api(.GET, path, token: w.tokens[.memberA2])
            XCTAssertEqual((list.json["items"] as? [Any])?.count, 1)
        }
    }

    func testFileChecksInCore() {
        XCTAssertEqual(try ResourceFile.check(name: "a.PDF", bytes: pdf).get().contentType, "application/pdf")
        XCTAssertEqual(try ResourceFile.check(name: "plan.docx", bytes: [0x50, 0x4B, 0x03, 0x04, 1, 2]).get().ext, "docx")
        XCTAssertEqual(ResourceFile.check(name: "plan.docx", bytes: Array("hello".utf8)), .failure(.contentMismatch("docx")))
        XCTAssertEqual(ResourceFile.check(name: "x.svg", bytes: Array("<svg/>".utf8)), .failure(.forbiddenType("svg")))
        XCTAssertEqual(ResourceFile.check(name: "noext", bytes: Array("x".utf8)), .failure(.forbiddenType("(none)")))
        XCTAssertEqual(try ResourceFile.check(name: "café.csv", bytes: Array("a,b\n1,é\n".utf8)).get().ext, "csv")
        XCTAssertEqual(ResourceFile.safeName("../../etc/pass\"wd\n.txt"), "pass_wd_.txt")
        XCTAssertEqual(ResourceFile.contentDisposition("Café plan.pdf"), "attachment; filename=\"Caf_ plan.pdf\"; filename*=UTF-8''Caf%C3%A9%20plan.pdf")
    }
}
