// SPDX-License-Identifier: GPL-3.0-or-later
#include "procstats.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace calldeck::bench
{

namespace
{

std::uint64_t socketDropsIn(const char *path, std::uint16_t port)
{
    std::FILE *f = std::fopen(path, "r");
    if (!f)
    {
        return 0;
    }
    char line[512];
    std::uint64_t drops = 0;
    char wanted[8];
    std::snprintf(wanted, sizeof wanted, ":%04X", port);
    bool header = true;
    while (std::fgets(line, sizeof line, f))
    {
        if (header)
        {
            header = false;
            continue;
        }
        // "sl local_address rem_address st ... inode ref pointer drops": drops is the last field.
        char local[64] = {};
        if (std::sscanf(line, "%*s %63s", local) != 1)
        {
            continue;
        }
        const char *colon = std::strrchr(local, ':');
        if (!colon || std::strcmp(colon, wanted) != 0)
        {
            continue;
        }
        const char *last = std::strrchr(line, ' ');
        drops += last ? std::strtoull(last + 1, nullptr, 10) : 0;
    }
    std::fclose(f);
    return drops;
}

} // namespace

std::uint64_t ProcStats::udpSocketDrops(std::uint16_t port)
{
    return socketDropsIn("/proc/net/udp", port) + socketDropsIn("/proc/net/udp6", port);
}

std::uint64_t ProcStats::softnetDrops()
{
    std::FILE *f = std::fopen("/proc/net/softnet_stat", "r");
    if (!f)
    {
        return 0;
    }
    std::uint64_t total = 0;
    unsigned processed = 0;
    unsigned dropped = 0;
    char rest[512];
    while (std::fscanf(f, "%x %x", &processed, &dropped) == 2)
    {
        total += dropped;
        if (!std::fgets(rest, sizeof rest, f))
        {
            break;
        }
    }
    std::fclose(f);
    return total;
}

double ProcStats::threadCpuSeconds(const char *name)
{
    DIR *dir = opendir("/proc/self/task");
    if (!dir)
    {
        return 0;
    }
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    double total = 0;
    while (const dirent *e = readdir(dir))
    {
        if (e->d_name[0] == '.')
        {
            continue;
        }
        const std::string base = std::string("/proc/self/task/") + e->d_name;
        char comm[64] = {};
        if (std::FILE *f = std::fopen((base + "/comm").c_str(), "r"))
        {
            if (!std::fgets(comm, sizeof comm, f))
            {
                comm[0] = '\0';
            }
            std::fclose(f);
        }
        comm[std::strcspn(comm, "\n")] = '\0';
        if (std::strcmp(comm, name) != 0)
        {
            continue;
        }
        if (std::FILE *f = std::fopen((base + "/stat").c_str(), "r"))
        {
            char stat[1024] = {};
            const std::size_t n = std::fread(stat, 1, sizeof stat - 1, f);
            std::fclose(f);
            stat[n] = '\0';
            // Fields after the ")" of the command: state is field 3, utime 14, stime 15.
            const char *p = std::strrchr(stat, ')');
            unsigned long long utime = 0;
            unsigned long long stime = 0;
            if (p && std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                                 &stime) == 2)
            {
                total += static_cast<double>(utime + stime) / tick;
            }
        }
    }
    closedir(dir);
    return total;
}

double ProcStats::loadAverage()
{
    double load = 0;
    if (std::FILE *f = std::fopen("/proc/loadavg", "r"))
    {
        if (std::fscanf(f, "%lf", &load) != 1)
        {
            load = 0;
        }
        std::fclose(f);
    }
    return load;
}

} // namespace calldeck::bench
