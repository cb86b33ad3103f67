<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Application</name>
    <message>
        <location filename="../app/application.cpp" line="+24"/>
        <source>CallDeck %1 started (Qt %2).</source>
        <translation>CallDeck %1 démarré (Qt %2).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Read-only mode (--read-only): control actions are refused.</source>
        <translation>Mode lecture seule (--read-only) : les actions de contrôle sont refusées.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode (set in the settings): control actions are refused.</source>
        <translation>Mode lecture seule (défini dans les réglages) : les actions de contrôle sont refusées.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The embedded HEP/raw-SIP listener is not available yet; it arrives with the mirror feed (issue #4). No SIP is received.</source>
        <translation>L’écoute HEP/SIP brut intégrée n’est pas encore disponible ; elle arrive avec le flux miroir (ticket #4). Aucun SIP n’est reçu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Embedded HEP/raw-SIP listener switched off (--hep off).</source>
        <translation>Écoute HEP/SIP brut intégrée désactivée (--hep off).</translation>
    </message>
</context>
<context>
    <name>CommandLineOptions</name>
    <message>
        <location filename="../app/commandlineoptions.cpp" line="+35"/>
        <source>CallDeck, a live SIP dialog console. Without feed options it uses the embedded default: a HEP/raw-SIP listener on 127.0.0.1:9060 (UDP and TCP) and an SQLite store in the user&apos;s data directory.</source>
        <translation>CallDeck, une console de dialogues SIP en direct. Sans option de flux, elle utilise la configuration intégrée : une écoute HEP/SIP brut sur 127.0.0.1:9060 (UDP et TCP) et un stockage SQLite dans le répertoire de données de l’utilisateur.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run the engine without a window; stop cleanly on SIGINT/SIGTERM.</source>
        <translation>Exécuter le moteur sans fenêtre ; s’arrêter proprement sur SIGINT/SIGTERM.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listen for HEP (v1/v2/v3) and raw SIP on UDP and TCP; repeatable. &quot;off&quot; disables the embedded listener.</source>
        <translation>Écouter HEP (v1/v2/v3) et SIP brut sur UDP et TCP ; répétable. « off » désactive l’écoute intégrée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept only HEPv3 packets carrying this auth key.</source>
        <translation>N’accepter que les paquets HEPv3 portant cette clé d’authentification.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read a pcap/pcapng file as fast as possible.</source>
        <translation>Lire un fichier pcap/pcapng aussi vite que possible.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --replay: keep the recorded pace.</source>
        <translation>Avec --replay : respecter le rythme enregistré.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --headless and --replay: exit when the replay is done.</source>
        <translation>Avec --headless et --replay : quitter à la fin de la relecture.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a proxy JSON-RPC feed, e.g. http://user:pw@127.0.0.1:5071/RPC; repeatable.</source>
        <translation>Ajouter le flux JSON-RPC d’un proxy, p. ex. http://user:pw@127.0.0.1:5071/RPC ; répétable.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --headless: answer Kamailio-compatible JSON-RPC at http://ADDR:PORT/RPC.</source>
        <translation>Avec --headless : répondre en JSON-RPC compatible Kamailio sur http://ADDR:PORT/RPC.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Local socket for the in-dialog requests the console sends itself.</source>
        <translation>Socket local pour les requêtes intra-dialogue que la console envoie elle-même.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog store: sqlite:///path or postgresql://user:pw@host/db.</source>
        <translation>Stockage des dialogues : sqlite:///chemin ou postgresql://user:pw@hôte/base.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Store mode as the dialog module&apos;s db_mode: 0 none, 1 real-time, 2 delayed, 3 on shutdown.</source>
        <translation>Mode de stockage comme le db_mode du module dialog : 0 aucun, 1 temps réel, 2 différé, 3 à l’arrêt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write a snapshot on exit: .json (dlg.list shape), .csv or .pcap.</source>
        <translation>Écrire un instantané à la sortie : .json (forme de dlg.list), .csv ou .pcap.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print one JSON summary line on exit (messages, dialogs, rates, drops).</source>
        <translation>Afficher une ligne de résumé JSON à la sortie (messages, dialogues, débits, pertes).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refuse every control action.</source>
        <translation>Refuser toute action de contrôle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User-interface language, e.g. de, fr or es (default: system).</source>
        <translation>Langue de l’interface, p. ex. de, fr ou es (par défaut : celle du système).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: %1 Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck : %1 Lancez « calldeck --help » pour la liste des options.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>calldeck: unexpected argument &apos;%1&apos;; options start with --. Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck : argument inattendu « %1 » ; les options commencent par --. Lancez « calldeck --help » pour la liste des options.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>calldeck: --hep off cannot be combined with --hep ADDR:PORT; give either listeners or off.</source>
        <translation>calldeck : --hep off ne peut pas être combiné avec --hep ADDR:PORT ; indiquez soit des écoutes, soit off.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>calldeck: --hep-key needs a non-empty KEY, the auth key your HEP agent sends (Kamailio: siptrace&apos;s auth_key).</source>
        <translation>calldeck : --hep-key demande une clé KEY non vide, celle qu’envoie votre agent HEP (Kamailio : auth_key de siptrace).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --hep-key has no effect with --hep off; drop one of them.</source>
        <translation>calldeck : --hep-key n’a aucun effet avec --hep off ; retirez l’une des deux options.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: --replay needs a pcap or pcapng FILE.</source>
        <translation>calldeck : --replay demande un fichier FILE pcap ou pcapng.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: --replay: no such file &apos;%1&apos;; check the path.</source>
        <translation>calldeck : --replay : fichier « %1 » introuvable ; vérifiez le chemin.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --replay: cannot read &apos;%1&apos;; check its permissions.</source>
        <translation>calldeck : --replay : impossible de lire « %1 » ; vérifiez ses permissions.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --replay-pace only applies to --replay FILE; add --replay or drop --replay-pace.</source>
        <translation>calldeck : --replay-pace ne s’applique qu’à --replay FILE ; ajoutez --replay ou retirez --replay-pace.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --exit-after-replay needs both --headless and --replay FILE.</source>
        <translation>calldeck : --exit-after-replay demande à la fois --headless et --replay FILE.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --rpc &apos;%1&apos; is not an http:// or https:// URL with a host; write e.g. --rpc http://user:pw@127.0.0.1:5071/RPC</source>
        <translation>calldeck : --rpc « %1 » n’est pas une URL http:// ou https:// avec un hôte ; écrivez p. ex. --rpc http://user:pw@127.0.0.1:5071/RPC</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: --rpc &apos;%1&apos;: port 0 is not allowed; use 1-65535.</source>
        <translation>calldeck : --rpc « %1 » : le port 0 n’est pas permis ; utilisez 1-65535.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>calldeck: --serve-rpc only works with --headless; add --headless or drop it.</source>
        <translation>calldeck : --serve-rpc ne fonctionne qu’avec --headless ; ajoutez --headless ou retirez l’option.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>calldeck: --db &apos;%1&apos; is not a store URL; write sqlite:///path/to/calldeck.db or postgresql://user:pw@host:5432/dbname</source>
        <translation>calldeck : --db « %1 » n’est pas une URL de stockage ; écrivez sqlite:///chemin/vers/calldeck.db ou postgresql://user:pw@hôte:5432/base</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: --db-mode &apos;%1&apos; is out of range; use 0 (none), 1 (real-time), 2 (delayed) or 3 (on shutdown).</source>
        <translation>calldeck : --db-mode « %1 » est hors limites ; utilisez 0 (aucun), 1 (temps réel), 2 (différé) ou 3 (à l’arrêt).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>calldeck: --export &apos;%1&apos;: unknown format; the file name must end in .json, .csv or .pcap.</source>
        <translation>calldeck : --export « %1 » : format inconnu ; le nom de fichier doit se terminer par .json, .csv ou .pcap.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: --lang &apos;%1&apos; is not a language code; write e.g. --lang de, --lang fr or --lang es_MX.</source>
        <translation>calldeck : --lang « %1 » n’est pas un code de langue ; écrivez p. ex. --lang de, --lang fr ou --lang es_MX.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the mirror feed, issue #4</source>
        <translation>le flux miroir, ticket #4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>calldeck: %1 is not available yet (it arrives with %2); run without it to open the console.</source>
        <translation>calldeck : %1 n’est pas encore disponible (arrive avec %2) ; lancez sans cette option pour ouvrir la console.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the headless engine</source>
        <translation>le moteur sans fenêtre</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the JSON-RPC feed</source>
        <translation>le flux JSON-RPC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the served JSON-RPC</source>
        <translation>le JSON-RPC servi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the console&apos;s control actions</source>
        <translation>les actions de contrôle de la console</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>the dialog store</source>
        <translation>le stockage des dialogues</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>snapshot export</source>
        <translation>l’export d’instantanés</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the engine statistics</source>
        <translation>les statistiques du moteur</translation>
    </message>
</context>
<context>
    <name>EmptyStatePanel</name>
    <message>
        <location filename="../ui/emptystatepanel.cpp" line="+199"/>
        <source>No dialogs yet</source>
        <translation>Aucun dialogue pour l’instant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck lists every SIP dialog it sees, live, and lets you act on it. Give it SIP in one of these ways:</source>
        <translation>CallDeck affiche en direct chaque dialogue SIP qu’il voit et vous permet d’agir dessus. Fournissez-lui du SIP de l’une de ces façons :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1. Mirror a Kamailio proxy</source>
        <translation>1. Mettre un proxy Kamailio en miroir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add these lines to %1 and restart Kamailio. The siptrace module then copies every SIP message it receives or sends, as HEPv3, to CallDeck&apos;s mirror port %2.</source>
        <translation>Ajoutez ces lignes à %1 et redémarrez Kamailio. Le module siptrace copie alors chaque message SIP reçu ou envoyé, en HEPv3, vers le port miroir %2 de CallDeck.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy these lines to the clipboard</source>
        <translation>Copier ces lignes dans le presse-papiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The mirror port opens with the mirror feed (issue #4); the Sources panel shows its state.</source>
        <translation>Le port miroir s’ouvre avec le flux miroir (ticket #4) ; le panneau Sources affiche son état.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>2. Replay a capture</source>
        <translation>2. Rejouer une capture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose %1 (%2) to replay a pcap or pcapng file.</source>
        <translation>Choisissez %1 (%2) pour rejouer un fichier pcap ou pcapng.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File → Open capture…</source>
        <translation>Fichier → Ouvrir une capture…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open capture…</source>
        <translation>Ouvrir une capture…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>3. Poll a proxy&apos;s JSON-RPC</source>
        <translation>3. Interroger le JSON-RPC d’un proxy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start CallDeck with %1 to read a proxy&apos;s dialogs through Kamailio&apos;s jsonrpcs module, for example %2. Repeat the option to watch several proxies.</source>
        <translation>Lancez CallDeck avec %1 pour lire les dialogues d’un proxy via le module jsonrpcs de Kamailio, par exemple %2. Répétez l’option pour surveiller plusieurs proxys.</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <location filename="../ui/eventlogmodel.cpp" line="+116"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>HostPort</name>
    <message>
        <location filename="../app/hostport.cpp" line="+22"/>
        <source>calldeck: %1 &apos;%2&apos; needs ADDR:PORT, e.g. %1 127.0.0.1:9060 (IPv6: [::1]:9060).</source>
        <translation>calldeck : %1 « %2 » demande ADDR:PORT, p. ex. %1 127.0.0.1:9060 (IPv6 : [::1]:9060).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>calldeck: %1 &apos;%2&apos;: port &apos;%3&apos; is out of range; use 1-65535.</source>
        <translation>calldeck : %1 « %2 » : le port « %3 » est hors limites ; utilisez 1-65535.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>calldeck: %1 &apos;%2&apos;: &apos;%3&apos; is not an IPv6 address.</source>
        <translation>calldeck : %1 « %2 » : « %3 » n’est pas une adresse IPv6.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: %1 &apos;%2&apos;: write IPv6 addresses in brackets, e.g. %1 [::1]:9060.</source>
        <translation>calldeck : %1 « %2 » : écrivez les adresses IPv6 entre crochets, p. ex. %1 [::1]:9060.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: %1 &apos;%2&apos;: &apos;%3&apos; is neither an IPv4 address nor a host name; e.g. %1 127.0.0.1:9060.</source>
        <translation>calldeck : %1 « %2 » : « %3 » n’est ni une adresse IPv4 ni un nom d’hôte ; p. ex. %1 127.0.0.1:9060.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+80"/>
        <source>Kamailio configuration copied to the clipboard</source>
        <translation>Configuration Kamailio copiée dans le presse-papiers</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Open capture</source>
        <translation>Ouvrir une capture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaying captures is not available yet — it arrives with the mirror feed (issue #4).</source>
        <translation>La relecture de captures n’est pas encore disponible — elle arrive avec le flux miroir (ticket #4).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Until then, feed CallDeck live: mirror a Kamailio proxy with siptrace as shown in the main window.</source>
        <translation>D’ici là, alimentez CallDeck en direct : mettez un proxy Kamailio en miroir avec siptrace comme indiqué dans la fenêtre principale.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>About CallDeck</source>
        <translation>À propos de CallDeck</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A live SIP dialog console for network operations centres.</source>
        <translation>Une console de dialogues SIP en direct pour les centres d’exploitation réseau.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Compilé avec Qt %1, s’exécute avec Qt %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Licence: GPL-3.0-or-later</source>
        <translation>Licence : GPL-3.0-or-later</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open capture…</source>
        <translation>&amp;Ouvrir une capture…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay a pcap or pcapng file</source>
        <translation>Rejouer un fichier pcap ou pcapng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close CallDeck</source>
        <translation>Fermer CallDeck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focus &amp;event log</source>
        <translation>Aller au &amp;journal des événements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the event log and move the keyboard focus to it</source>
        <translation>Afficher le journal des événements et y placer le focus clavier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the keyboard shortcuts</source>
        <translation>Lister les raccourcis clavier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About CallDeck</source>
        <translation>À &amp;propos de CallDeck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version and licence</source>
        <translation>Version et licence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event log</source>
        <translation>Journal des événements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the list of feeds</source>
        <translation>Afficher ou masquer la liste des flux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the event log</source>
        <translation>Afficher ou masquer le journal des événements</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../ui/shortcutsdialog.cpp" line="+16"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../ui/sourcespanel.cpp" line="+75"/>
        <source>Feed</source>
        <translation>Flux</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HEP / raw SIP</source>
        <translation>HEP / SIP brut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not available yet</source>
        <translation>Pas encore disponible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The embedded HEP/raw-SIP listener is not available yet: it arrives with the mirror feed (issue #4).</source>
        <translation>L’écoute HEP/SIP brut intégrée n’est pas encore disponible : elle arrive avec le flux miroir (ticket #4).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Embedded default feed. It arrives with the mirror feed (issue #4); until then CallDeck receives no SIP.</source>
        <translation>Flux intégré par défaut. Il arrive avec le flux miroir (ticket #4) ; d’ici là, CallDeck ne reçoit aucun SIP.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No feed configured: the embedded listener is switched off (--hep off). Start CallDeck without --hep off to use it.</source>
        <translation>Aucun flux configuré : l’écoute intégrée est désactivée (--hep off). Lancez CallDeck sans --hep off pour l’utiliser.</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/statussummary.cpp" line="+82"/>
        <source>Dialogs: %1 active · %2 early · %3 total</source>
        <translation>Dialogues : %1 actifs · %2 précoces · %3 au total</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active: confirmed dialogs (states 3 and 4). Early: dialogs with a provisional reply (state 2). Total: every dialog in the table.</source>
        <translation>Actifs : dialogues confirmés (états 3 et 4). Précoces : dialogues avec une réponse provisoire (état 2). Total : tous les dialogues du tableau.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode: CallDeck refuses every control action (hang up, transfer, bridge, timeout and profile changes).</source>
        <translation>Mode lecture seule : CallDeck refuse toute action de contrôle (raccrocher, transférer, ponter, modifier le délai ou les profils).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No feeds</source>
        <translation>Aucun flux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No feed is configured, so no SIP arrives. See View → Sources.</source>
        <translation>Aucun flux n’est configuré, donc aucun SIP n’arrive. Voir Affichage → Sources.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No feeds running</source>
        <translation>Aucun flux actif</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n configured feed(s), none delivering SIP. See View → Sources.</source>
        <translation>
            <numerusform>%n flux configuré, aucun ne fournit de SIP. Voir Affichage → Sources.</numerusform>
            <numerusform>%n flux configurés, aucun ne fournit de SIP. Voir Affichage → Sources.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Feeds: %1 of %2 running</source>
        <translation>Flux : %1 sur %2 actifs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See View → Sources for the state of each feed.</source>
        <translation>Voir Affichage → Sources pour l’état de chaque flux.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+58"/>
        <source>calldeck: there is no %1 translation of CallDeck yet; using English. Available: %2.</source>
        <translation>calldeck : il n’existe pas encore de traduction %1 de CallDeck ; l’anglais est utilisé. Disponibles : %2.</translation>
    </message>
</context>
</TS>
