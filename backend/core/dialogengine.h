// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogcallbacks.h"
#include "dialogconfig.h"
#include "dialogrecord.h"
#include "dialogsnapshot.h"
#include "dialogstatemachine.h"
#include "dialogstats.h"
#include "dialogtable.h"
#include "dialogvariables.h"
#include "headercolumns.h"
#include "profileregistry.h"
#include "requestbuilder.h"
#include "result.h"
#include "sipmessage.h"
#include "timerwheel.h"

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace calldeck::core
{

class SipDialogFeed;

/** @brief What a dialog store must write (DialogEngine::takeDbChanges()). */
struct DialogDbChanges
{
    std::vector<DialogSnapshot> upserts; ///< INSERT or UPDATE the whole row and its variables
    std::vector<DialogId> deleted;       ///< DELETE the row and its variables
    /** the buckets whose h_id counter moved, with the last h_id each stands for */
    std::vector<std::pair<std::uint32_t, std::uint32_t>> counters;
    bool empty() const { return upserts.empty() && deleted.empty() && counters.empty(); }
};

/** @brief Which leg(s) `dlg_bye` addresses. */
enum class ByeTarget : std::uint8_t
{
    Caller,
    Callee,
    All,
};

/** @brief What the core asks the layer above to send (it never sends anything itself). */
struct LocalRequest
{
    DialogHandle dialog;
    DialogId id;
    DialogLeg leg = DialogLeg::Callee;
    std::string method;
    std::uint32_t cseq = 0;
    BuiltRequest request; ///< built with a placeholder Via; the sender rewrites Via
    InDialogRequest spec; ///< what was asked, so the sender can rebuild with its own Via
};

/** @brief Severity for the injected log sink. */
enum class LogLevel : std::uint8_t
{
    Debug,
    Info,
    Warning,
    Error,
};
using LogSink = std::function<void(LogLevel, std::string_view)>;

/** @brief What feeding one message did. */
enum class FeedOutcome : std::uint8_t
{
    Created,    ///< a new dialog
    Updated,    ///< an event applied to a dialog
    Duplicate,  ///< a mirror twin or retransmission: nothing new
    Spiral,     ///< a spiraled initial INVITE (DLGCB_SPIRALED)
    Ignored,    ///< not something the module acts on (CANCEL, REGISTER, out-of-dialog)
    Unmatched,  ///< a sequential request or reply that found no dialog
    Bogus,      ///< an event invalid for the dialog's state
    Rejected,   ///< an initial INVITE the module refuses (no From tag, not one Contact)
    ParseError, ///< not a usable SIP message
};

/** @brief The times of a dialog, without the cost of a snapshot (Unix seconds, 0 = not yet). */
struct DialogTimes
{
    std::uint32_t initTs = 0;
    std::uint32_t startTs = 0;
    std::uint32_t lastModified = 0;
};

struct FeedResult
{
    FeedOutcome outcome = FeedOutcome::Ignored;
    DialogHandle dialog;
    SipParseError parseError = SipParseError::None;
};

/**
 * @brief The dialog module, re-implemented: table, states, timers, profiles, variables,
 * callbacks, statistics and in-dialog request building — deterministic, single-threaded,
 * on an injected clock (Unix microseconds taken from the packets or from advanceTo()).
 *
 * SIP messages come in through feed()/process() (see SipDialogFeed for how a mirror's
 * copies map onto the module's hooks); management calls mirror the module's script
 * functions and RPC commands. Nothing here does I/O: requests the module would send (BYE on
 * timeout, dlg_bye, keep-alive OPTIONS) are handed to the request sink.
 */
class DialogEngine
{
public:
    explicit DialogEngine(DialogConfig config = {});
    ~DialogEngine();
    DialogEngine(const DialogEngine &) = delete;
    DialogEngine &operator=(const DialogEngine &) = delete;

    /** @brief A problem in the configuration (e.g. a bad profile list); the engine still runs. */
    const std::optional<Error> &configError() const { return m_configError; }
    const DialogConfig &config() const { return m_config; }
    /** @brief The header columns whose INVITE values new dialogs keep (config().headerColumns). */
    const HeaderColumns &headerColumns() const { return m_headerColumns; }
    /**
     * @brief Changes the header columns while running: new dialogs keep these; live dialogs keep
     * their values of the names that stay (the others are freed).
     * @return how many names were unusable and dropped (see HeaderColumns::assign)
     */
    std::size_t setHeaderColumns(const std::vector<std::string> &names);
    void setLogSink(LogSink sink) { m_log = std::move(sink); }
    void setRequestSink(std::function<void(const LocalRequest &)> sink) { m_requestSink = std::move(sink); }

    // ---- feed --------------------------------------------------------------------------
    /** @brief Parses and processes one packet (advances the clock to its time first). */
    FeedResult feed(std::string_view packet, const PacketMeta &meta);
    /** @brief Processes an already parsed message. */
    FeedResult process(const SipMessage &msg, const PacketMeta &meta);
    /** @brief Moves the clock forward and runs due timers and the cleanup pass. */
    void advanceTo(std::int64_t nowUs);
    std::int64_t nowUs() const { return m_nowUs; }
    std::uint32_t nowSeconds() const { return static_cast<std::uint32_t>(m_nowUs / 1000000); }

    // ---- lookups -----------------------------------------------------------------------
    DialogHandle find(DialogId id) const;
    /** @brief `dlg_get` semantics: Call-ID, From tag, To tag (empty To tag = early dialog). */
    DialogHandle find(std::string_view callId, std::string_view fromTag, std::string_view toTag) const;
    bool valid(DialogHandle h) const;
    DialogId id(DialogHandle h) const;
    DialogState state(DialogHandle h) const;
    DialogSnapshot snapshot(DialogHandle h) const;
    /** @brief init/start/last-modified times of a live dialog; zeros for an invalid handle. */
    DialogTimes times(DialogHandle h) const;
    /** @brief Every live dialog in the module's listing order (bucket, then creation). */
    std::vector<DialogHandle> list() const;
    /** @brief `dlg.list` result array as JSON text. */
    std::string listJson(bool pretty = false) const;
    std::size_t dialogCount() const { return m_table.liveCount(); }

    // ---- management (script functions / RPC) -------------------------------------------
    Status setTimeout(DialogHandle h, std::uint32_t seconds);
    /** @brief `dlg_set_timeout_by_profile`: applies to members in state ≥ 2; returns how many. */
    Result<std::size_t> setTimeoutByProfile(std::string_view profile, std::optional<std::string_view> value,
                                            std::uint32_t seconds);
    Status setProfile(DialogHandle h, std::string_view profile, std::string_view value = {});
    Status unsetProfile(DialogHandle h, std::string_view profile, std::string_view value = {});
    Result<bool> isInProfile(DialogHandle h, std::string_view profile,
                             std::optional<std::string_view> value = std::nullopt) const;
    Result<std::uint64_t> profileSize(std::string_view profile,
                                      std::optional<std::string_view> value = std::nullopt) const;
    Result<std::vector<DialogHandle>>
    profileMembers(std::string_view profile, std::optional<std::string_view> value = std::nullopt) const;
    /** @brief Calls @p fn(profile, value) for each profile the dialog is in (no value: nullopt),
     *  without building a snapshot. */
    void
    forEachProfileOf(DialogHandle h,
                     const std::function<void(std::string_view, std::optional<std::string_view>)> &fn) const;
    Status setVariable(DialogHandle h, std::string_view key, std::string_view value);
    std::optional<std::string> variable(DialogHandle h, std::string_view key) const;
    Status unsetVariable(DialogHandle h, std::string_view key);
    std::uint16_t variableFlags(DialogHandle h, std::string_view key) const;
    /** @brief `dlg_set_property`: "ka-src", "ka-dst" or "timeout-noreset"; also "timeout-bye"
     *  (`$dlg_ctx(timeout_bye)`: BYE both legs when the lifetime timer fires). */
    Status setProperty(DialogHandle h, std::string_view name);
    Status resetProperty(DialogHandle h, std::string_view name);
    Status setFlag(DialogHandle h, unsigned bit);
    Status resetFlag(DialogHandle h, unsigned bit);
    Result<bool> isFlagSet(DialogHandle h, unsigned bit) const;
    /** @brief `dlg.set_state`: writes the state directly (no BYE, no callbacks, profiles kept). */
    Status setState(DialogHandle h, int state);
    /**
     * @brief `dlg_bye`/`dlg_bye_all`: builds BYE(s) (CSeq +100 rule) and hands them to the
     * request sink; the dialog ends when a final reply is reported through localReply().
     */
    Status bye(DialogHandle h, ByeTarget target, std::string_view extraHeaders = {});
    /** @brief A final reply to a BYE the core asked to send (408 for a timeout). */
    void localReply(DialogHandle h, DialogLeg leg, int statusCode);
    /**
     * @brief A final reply to a keep-alive OPTIONS the core asked to send (408 for a timeout).
     * 408/481 in state 4 count a failure of that leg (a 408 only if the leg's stored CSeq is
     * set); at `ka_failed_limit` failures the lifetime becomes 10 s and the timer is re-armed.
     * Any other final reply in state 4 resets the leg's counter.
     */
    void keepAliveReply(DialogHandle h, DialogLeg leg, int statusCode);
    /** @brief Entries in the keep-alive queue (including ones not yet dropped for ended dialogs). */
    std::size_t keepAliveQueueSize() const { return m_kaQueue.size(); }
    /** @brief Builds any in-dialog request (`dlg_req_within`) without sending it. */
    Result<BuiltRequest> buildRequest(DialogHandle h, const InDialogRequest &request) const;

    /**
     * @brief Loads a dialog from a stored row (DB reload): same id, state, legs, profiles,
     * variables; the lifetime timer resumes at the stored absolute `timeout` (fires at once if
     * past); the bucket counter is raised so new dialogs never reuse the id. Fires DLGCB_LOADED.
     */
    Result<DialogHandle> restore(const DialogSnapshot &row);
    // ---- the store (issue #9, reference §8.3) ---------------------------------------------
    /**
     * @brief Starts (or stops) tracking what a dialog store must write: the dialogs whose state,
     * timeout, CSeqs, contacts, flags, variables or profiles changed, the rows to delete, and
     * the buckets whose h_id counter moved. Off by default (db_mode 0): nothing is kept.
     */
    void setDbTracking(bool on);
    bool dbTracking() const { return m_dbTracking; }
    /**
     * @brief What changed since the last take, as the module would write it: a confirmed dialog
     * (state 3 or 4) that is new or changed is an upsert (its whole row); a dialog with a row that
     * reached state 5 or was destroyed is a delete; early and unconfirmed dialogs are never
     * written. Clears the module's NEW/CHANGED flags of what it returns. Cost: the changed
     * dialogs only, never a walk of the table.
     */
    DialogDbChanges takeDbChanges();
    /** @brief Every confirmed dialog (state 3 or 4) as a row to write (db_mode 3 at shutdown),
     *  each marked as stored. */
    std::vector<DialogSnapshot> dbDump();
    /** @brief Continues bucket @p bucket's h_id counter after @p lastHId (a counter the store kept). */
    void raiseIdCounter(std::uint32_t bucket, std::uint32_t lastHId);

    /** @brief Runs DLGCB_RPC_CONTEXT for a `*_ctx` listing; `context` is the listing's handle. */
    void fireRpcContext(DialogHandle h, void *context);

    // ---- parts --------------------------------------------------------------------------
    DialogCallbacks &callbacks() { return m_callbacks; }
    const ProfileRegistry &profiles() const { return m_profiles; }
    const DialogStats &stats() const { return m_stats; }
    DialogActiveStats activeStats(bool localOnly = false) const;
    /**
     * @brief Answers every query in one walk of the table (at the engine's clock, nowSeconds()).
     * @return one count per query, in the same order
     */
    std::vector<DialogAgeCount> countAged(const std::vector<DialogAgeQuery> &queries) const;
    const DialogFeedStats &feedStats() const { return m_feed; }
    /** @brief Bytes held by dialogs, strings, indexes, profile links and variables. */
    std::size_t memoryBytes() const;
    /** @brief Bytes of dialog strings and variable values still allocated (0 when all are gone). */
    std::size_t liveStringBytes() const { return m_table.slab().bytesInUse(); }
    std::size_t profileLinkCount() const { return m_profiles.linkCount(); }
    std::size_t variableCount() const { return m_vars.count(); }

private:
    friend class SipDialogFeed;

    /** @brief An entry of the keep-alive queue (`dlg_ka_t`): which dialog, and when it is due. */
    struct KeepAliveItem
    {
        std::uint32_t index;
        std::uint32_t seq; ///< createdSeq of the record when queued
        std::uint32_t due; ///< absolute Unix second
    };

    static constexpr std::uint8_t TimerLifetime = 1;
    static constexpr std::uint8_t TimerDestroy = 2;

    DialogHandle handle(std::uint32_t index) const;
    Status changeProperty(DialogHandle h, std::string_view name, bool on);
    Status changeFlag(DialogHandle h, unsigned bit, bool on);
    /** @brief The record index of a live dialog and the id of a declared profile, or the RPC error. */
    Result<std::pair<std::uint32_t, int>> dialogAndProfile(DialogHandle h, std::string_view profile) const;
    std::uint32_t indexOf(DialogHandle h) const;
    void log(LogLevel level, std::string_view text) const;
    void fire(std::uint32_t index, std::uint32_t type, const SipMessage *req = nullptr,
              const SipMessage *rpl = nullptr, DialogDirection dir = DialogDirection::None,
              std::uint32_t data = 0);
    void setStateRaw(std::uint32_t index, DialogState next);
    void armLifetime(std::uint32_t index, std::uint32_t seconds);
    void scheduleDestroy(std::uint32_t index);
    void destroy(std::uint32_t index, bool runCallbacks);
    void onTimer(std::uint32_t index, std::uint8_t kind);
    void cleanupPass();
    void enterDeleted(std::uint32_t index);
    DialogSnapshot makeSnapshot(std::uint32_t index) const;
    bool keepAliveOn() const { return m_config.kaTimer > 0 && m_config.kaInterval > 0; }
    /** @brief Queues a state-4 dialog with ka-src/ka-dst for keep-alives (once). */
    void keepAliveEnqueue(std::uint32_t index);
    /** @brief Sets the module's dirty flag @p dflag and queues the dialog for the store. */
    void markDb(std::uint32_t index, std::uint16_t dflag);
    /** @brief Queues the dialog for the store's next take (state changes). */
    void queueDb(std::uint32_t index);
    /** @brief One run of the keep-alive queue (`dlg_ka_run`). */
    void keepAliveScan();
    void sendKeepAlive(std::uint32_t index, DialogLeg leg, const DialogSnapshot &snap);

    // event handlers used by the feed (each applies the transition table)
    std::uint32_t createDialog(const SipMessage &invite, const PacketMeta &meta, std::uint32_t hId,
                               std::string_view callerRouteSet, std::uint8_t fromRrCount,
                               std::uint16_t callerSocket);
    FeedOutcome onProvisional(std::uint32_t index, const SipMessage &reply);
    FeedOutcome onAnswer(std::uint32_t index, const SipMessage &reply, std::string_view calleeRouteSet,
                         std::uint16_t calleeSocket);
    FeedOutcome onFailure(std::uint32_t index, const SipMessage &reply);
    FeedOutcome onRequest(std::uint32_t index, const SipMessage &req, DialogDirection dir);
    FeedOutcome onByeReply(std::uint32_t index, const SipMessage &reply);
    void onTimeoutExpired(std::uint32_t index);

    DialogConfig m_config;
    std::optional<Error> m_configError;
    HeaderColumns m_headerColumns;
    DialogTable m_table;
    TimerWheel m_timers;
    ProfileRegistry m_profiles;
    DialogVariables m_vars;
    DialogCallbacks m_callbacks;
    DialogStats m_stats;
    DialogFeedStats m_feed;
    std::uint64_t m_stateCount[6] = {0, 0, 0, 0, 0, 0};
    std::int64_t m_nowUs = 0;
    std::uint32_t m_nextCleanup = 0;
    std::uint32_t m_nextKaScan = 0;
    std::deque<KeepAliveItem> m_kaQueue; // FIFO: every entry is due now + ka_interval
    LogSink m_log;
    std::function<void(const LocalRequest &)> m_requestSink;
    std::unique_ptr<SipDialogFeed> m_sipFeed;
    std::unique_ptr<SipMessage> m_parsed; // reused parse buffer (a SipMessage is ~5 KB)
    bool m_dbTracking = false;
    std::vector<std::uint32_t> m_dbQueue; // records with DbFlag::Queued
    std::vector<DialogId> m_dbDeleted;    // rows of destroyed dialogs
};

} // namespace calldeck::core
