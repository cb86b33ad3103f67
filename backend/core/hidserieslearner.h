// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace calldeck::core
{

/**
 * @brief Learns which node issues which h_id series from dialogs whose owner is known, so that
 * the owner of a dialog only seen as a copy can be inferred (kamailio-dmq-5.6.md §3, "Ids across
 * nodes").
 *
 * A cluster configured for DMQ gives every node its own dialog h_id_start and the same h_id_step,
 * so h_id mod step names the node that created the dialog. The step is not announced: for every
 * candidate step s in 2..256 this keeps the owner of each residue h_id % s seen in confirmations,
 * and marks s unusable for good once one residue was confirmed for two owners. A residue is
 * trusted after TrustAfter confirmations. A step is usable when it has no conflict and at least
 * two distinct owners were confirmed; the smallest usable step is chosen.
 *
 * All memory is allocated at construction (about 130 KiB); confirm() costs O(255).
 */
class HIdSeriesLearner
{
public:
    using NodeId = std::uint16_t;
    static constexpr std::uint32_t MinStep = 2;
    static constexpr std::uint32_t MaxStep = 256;
    static constexpr std::uint8_t TrustAfter = 2; ///< confirmations before a residue is trusted

    HIdSeriesLearner();

    /**
     * @brief Counts one dialog @p hId whose owner @p owner was confirmed (call it once per dialog
     * and owner). @return true when the mapping changed: another step was chosen, or a residue of
     * the chosen step became trusted. Owner 0 (unknown) is ignored.
     */
    bool confirm(std::uint32_t hId, NodeId owner);

    /** @brief The trusted owner of @p hId's residue under the chosen step; nullopt without one. */
    std::optional<NodeId> ownerOf(std::uint32_t hId) const;

    std::uint32_t step() const { return m_step; } ///< the chosen step; 0: none usable
    /** @brief Trusted residues of the chosen step (0 without a step). */
    std::size_t trustedResidues() const;

private:
    struct Residue
    {
        NodeId owner = 0;
        std::uint8_t confirmations = 0;
    };
    struct Step
    {
        std::uint32_t offset = 0; ///< first residue in m_residues
        std::uint16_t trusted = 0;
        bool conflict = false;
    };

    std::uint32_t chooseStep() const;

    std::vector<Residue> m_residues; ///< residues of step 2, then 3, ..., 256
    std::array<Step, MaxStep + 1> m_steps{};
    NodeId m_firstOwner = 0;
    bool m_twoOwners = false;
    std::uint32_t m_step = 0;
};

} // namespace calldeck::core
