<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ComplianceSheet</name>
    <message>
        <source>Not evaluated yet</source>
        <translation>Pas encore évalué</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>Conforme</translation>
    </message>
    <message>
        <source>Not seen since %1</source>
        <translation>Pas vu depuis %1</translation>
    </message>
    <message>
        <source>Not compliant since %1</source>
        <translation>Non conforme depuis %1</translation>
    </message>
    <message>
        <source>Not compliant</source>
        <translation>Non conforme</translation>
    </message>
    <message>
        <source>Compliance sheet: %1</source>
        <translation>Fiche de conformité : %1</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>Nom d’hôte</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>Unité d’organisation</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Système d’exploitation</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <source>Asset tag</source>
        <translation>Numéro d’inventaire</translation>
    </message>
    <message>
        <source>IP addresses</source>
        <translation>Adresses IP</translation>
    </message>
    <message>
        <source>MAC addresses</source>
        <translation>Adresses MAC</translation>
    </message>
    <message>
        <source>Logged-in users</source>
        <translation>Utilisateurs connectés</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>Identifiant de l’appareil</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Protection</translation>
    </message>
    <message>
        <source>None found</source>
        <translation>Aucun trouvé</translation>
    </message>
    <message>
        <source>Antivirus</source>
        <translation>Antivirus</translation>
    </message>
    <message>
        <source>Pending updates</source>
        <translation>Mises à jour en attente</translation>
    </message>
    <message>
        <source>%1, of which %2 security updates</source>
        <translation>%1, dont %2 mises à jour de sécurité</translation>
    </message>
    <message>
        <source>Restart required</source>
        <translation>Redémarrage nécessaire</translation>
    </message>
    <message>
        <source>Why it is not compliant</source>
        <translation>Pourquoi il n’est pas conforme</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more reasons: see the console.</source>
        <translation>
            <numerusform>…et %n autre raison : voir la console.</numerusform>
            <numerusform>…et %n autres raisons : voir la console.</numerusform>
        </translation>
    </message>
    <message>
        <source>Printed %1 by %2 from %3. Compliance evaluated %4.</source>
        <translation>Imprimé le %1 par %2 depuis %3. Conformité évaluée le %4.</translation>
    </message>
</context>
<context>
    <name>DeviceText</name>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Confirmer le mot de passe :</translation>
    </message>
    <message>
        <source>At least 12 characters, 5 of them different, and not containing the user name.</source>
        <translation>Au moins 12 caractères, dont 5 différents, sans contenir le nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>Enter the new password.</source>
        <translation>Saisissez le nouveau mot de passe.</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same one twice.</source>
        <translation>Les deux mots de passe diffèrent : saisissez deux fois le même.</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>today</source>
        <translation>aujourd&apos;hui</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>il y a %n j</numerusform>
            <numerusform>il y a %n j</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n j</numerusform>
            <numerusform>%n j</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Steward console</source>
        <translation>Console Steward</translation>
    </message>
</context>
<context>
    <name>steward::app::AntivirusModel</name>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>Définitions</translation>
    </message>
    <message>
        <source>Definitions date</source>
        <translation>Date des définitions</translation>
    </message>
    <message>
        <source>Real-time protection</source>
        <translation>Protection en temps réel</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>Dernière analyse</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Activée</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivée</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Démarré</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>never or unknown</source>
        <translation>jamais ou inconnue</translation>
    </message>
</context>
<context>
    <name>steward::app::ApiTokenSecretDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>API token “%1”</source>
        <translation>Jeton d&apos;API “%1”</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy the token now: it will not be shown again.&lt;/b&gt; The server keeps only a hash of it. Keep it in a file only the script&apos;s account can read, and revoke it here when it is no longer needed.</source>
        <translation>&lt;b&gt;Copiez le jeton maintenant : il ne sera plus affiché.&lt;/b&gt; Le serveur n&apos;en conserve qu&apos;une empreinte. Gardez-le dans un fichier que seul le compte du script peut lire, et révoquez-le ici lorsqu&apos;il n&apos;est plus nécessaire.</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rôle :</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Expire le :</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>steward::app::ApiTokenTableModel</name>
    <message>
        <source>Revoked</source>
        <translation>Révoqué</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Révoqué le %1</translation>
    </message>
    <message>
        <source>Scripts may use this token.</source>
        <translation>Les scripts peuvent utiliser ce jeton.</translation>
    </message>
    <message>
        <source>This token is past its expiry and is refused.</source>
        <translation>Ce jeton a expiré et il est refusé.</translation>
    </message>
    <message>
        <source>Token ID %1</source>
        <translation>ID du jeton : %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>steward::app::AuditTableModel</name>
    <message>
        <source>Logged in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>Changed own password</source>
        <translation>Mot de passe personnel changé</translation>
    </message>
    <message>
        <source>API token created</source>
        <translation>Jeton d&apos;API créé</translation>
    </message>
    <message>
        <source>API tokens listed</source>
        <translation>Jetons d&apos;API listés</translation>
    </message>
    <message>
        <source>API token revoked</source>
        <translation>Jeton d&apos;API révoqué</translation>
    </message>
    <message>
        <source>Audit log read</source>
        <translation>Journal d&apos;audit consulté</translation>
    </message>
    <message>
        <source>Audit log verified</source>
        <translation>Journal d&apos;audit vérifié</translation>
    </message>
    <message>
        <source>Device deleted</source>
        <translation>Appareil supprimé</translation>
    </message>
    <message>
        <source>Device enrolled</source>
        <translation>Appareil inscrit</translation>
    </message>
    <message>
        <source>Devices listed</source>
        <translation>Appareils listés</translation>
    </message>
    <message>
        <source>Device opened</source>
        <translation>Appareil consulté</translation>
    </message>
    <message>
        <source>Device certificate renewed</source>
        <translation>Certificat d&apos;appareil renouvelé</translation>
    </message>
    <message>
        <source>Device revoked</source>
        <translation>Appareil révoqué</translation>
    </message>
    <message>
        <source>Enrolment token created</source>
        <translation>Jeton d&apos;inscription créé</translation>
    </message>
    <message>
        <source>User created</source>
        <translation>Utilisateur créé</translation>
    </message>
    <message>
        <source>User disabled</source>
        <translation>Utilisateur désactivé</translation>
    </message>
    <message>
        <source>User enabled</source>
        <translation>Utilisateur réactivé</translation>
    </message>
    <message>
        <source>Users listed</source>
        <translation>Utilisateurs listés</translation>
    </message>
    <message>
        <source>User&apos;s password reset</source>
        <translation>Mot de passe d&apos;utilisateur réinitialisé</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Effectué</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>Chaîne rompue</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>From address</source>
        <translation>Adresse source</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
</context>
<context>
    <name>steward::app::AuditView</name>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>A&amp;u :</translation>
    </message>
    <message>
        <source>&amp;Apply filters</source>
        <translation>A&amp;ppliquer les filtres</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Vérifier la chaîne</translation>
    </message>
    <message>
        <source>Load &amp;older</source>
        <translation>Charger les entrées an&amp;térieures</translation>
    </message>
    <message>
        <source>Have the server check every entry&apos;s hash and its link to the one before: any entry changed or removed since it was written shows as a break.</source>
        <translation>Demande au serveur de vérifier l&apos;empreinte de chaque entrée et son lien avec la précédente : toute entrée modifiée ou supprimée depuis son écriture apparaît comme une rupture.</translation>
    </message>
    <message numerus="yes">
        <source>Add the next %n older entries that match the filters.</source>
        <translation>
            <numerusform>Ajoute %n entrée plus ancienne qui correspond aux filtres.</numerusform>
            <numerusform>Ajoute les %n entrées plus anciennes suivantes qui correspondent aux filtres.</numerusform>
        </translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>N&apos;importe qui</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>Toute cible</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Toute action</translation>
    </message>
    <message>
        <source>An action from the list, or its code; a code ending in * matches every action it begins (device.*).</source>
        <translation>Une action de la liste, ou son code ; un code terminé par * correspond à toutes les actions qui commencent ainsi (device.*).</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Tout résultat</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>&amp;Effacer les filtres</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Qui :</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>A&amp;ction :</translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation>Ci&amp;ble :</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>&amp;Résultat :</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Search the entries shown</source>
        <translation>Rechercher dans les entrées affichées</translation>
    </message>
    <message>
        <source>“From” is later than “To”: no entry can match.</source>
        <translation>“Du” est postérieur à “Au” : aucune entrée ne peut correspondre.</translation>
    </message>
    <message>
        <source>Loading older audit entries…</source>
        <translation>Chargement d&apos;entrées d&apos;audit plus anciennes…</translation>
    </message>
    <message>
        <source>Loading the audit log…</source>
        <translation>Chargement du journal d&apos;audit…</translation>
    </message>
    <message>
        <source>Verifying the audit log’s hash chain…</source>
        <translation>Vérification de la chaîne d&apos;empreintes du journal d&apos;audit…</translation>
    </message>
    <message>
        <source>Could not verify the chain: %1</source>
        <translation>Impossible de vérifier la chaîne : %1</translation>
    </message>
    <message numerus="yes">
        <source>Chain intact: %n entries checked.</source>
        <translation>
            <numerusform>Chaîne intacte : %n entrée vérifiée.</numerusform>
            <numerusform>Chaîne intacte : %n entrées vérifiées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older entries were written before the chain and cannot be checked.</source>
        <translation>
            <numerusform>%n entrée plus ancienne a été écrite avant la chaîne et ne peut pas être vérifiée.</numerusform>
            <numerusform>%n entrées plus anciennes ont été écrites avant la chaîne et ne peuvent pas être vérifiées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Head hash: %1. Note it down to check later that nothing was rewritten.</source>
        <translation>Empreinte de la tête de chaîne : %1. Notez-la pour vérifier plus tard que rien n&apos;a été réécrit.</translation>
    </message>
    <message>
        <source>Chain broken at entry %1: %2</source>
        <translation>Chaîne rompue à l&apos;entrée %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>Entries up to the break were checked: %n.</source>
        <translation>
            <numerusform>Entrée vérifiée jusqu&apos;à la rupture : %n.</numerusform>
            <numerusform>Entrées vérifiées jusqu&apos;à la rupture : %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown</source>
        <translation>
            <numerusform>%n entrée affichée</numerusform>
            <numerusform>%n entrées affichées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 loaded entries shown</source>
        <translation>
            <numerusform>%n entrée affichée sur %1 chargées</numerusform>
            <numerusform>%n entrées affichées sur %1 chargées</numerusform>
        </translation>
    </message>
    <message>
        <source>No audit entries match these filters.</source>
        <translation>Aucune entrée d&apos;audit ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>The audit log is empty.</source>
        <translation>Le journal d&apos;audit est vide.</translation>
    </message>
    <message>
        <source>No entry shown contains “%1”.</source>
        <translation>Aucune entrée affichée ne contient “%1”.</translation>
    </message>
</context>
<context>
    <name>steward::app::CollectorErrorModel</name>
    <message>
        <source>Collector</source>
        <translation>Collecteur</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>steward::app::ComplianceReasonModel</name>
    <message>
        <source>No antivirus product was found on this device.</source>
        <translation>Aucun antivirus n&apos;a été trouvé sur cet appareil.</translation>
    </message>
    <message>
        <source>The antivirus is installed but its real-time protection is off.</source>
        <translation>L&apos;antivirus est installé mais sa protection en temps réel est désactivée.</translation>
    </message>
    <message>
        <source>The antivirus definitions are out of date; the device must download new ones.</source>
        <translation>Les définitions de l&apos;antivirus sont périmées ; l&apos;appareil doit en télécharger de nouvelles.</translation>
    </message>
    <message>
        <source>The age of the antivirus definitions could not be determined.</source>
        <translation>L&apos;âge des définitions de l&apos;antivirus n&apos;a pas pu être déterminé.</translation>
    </message>
    <message>
        <source>Security updates have been waiting too long; install them and restart if asked.</source>
        <translation>Des mises à jour de sécurité attendent depuis trop longtemps ; installez-les et redémarrez si demandé.</translation>
    </message>
    <message>
        <source>The device has not contacted the server recently; it may be switched off or offline.</source>
        <translation>L&apos;appareil n&apos;a pas contacté le serveur récemment ; il est peut-être éteint ou hors ligne.</translation>
    </message>
    <message>
        <source>The device has never reported to the server since it was enrolled.</source>
        <translation>L&apos;appareil n&apos;a jamais fait de rapport au serveur depuis son inscription.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Ce que cela signifie</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>The device has not reported its antivirus status yet; this says nothing about whether it has one.</source>
        <translation>L&apos;appareil n&apos;a pas encore signalé l&apos;état de son antivirus ; cela ne dit rien de la présence d&apos;un antivirus.</translation>
    </message>
    <message>
        <source>The device has not reported its updates yet.</source>
        <translation>L&apos;appareil n&apos;a pas encore signalé ses mises à jour.</translation>
    </message>
    <message>
        <source>The device has no package manager Steward can read, so its missing updates are unknown.</source>
        <translation>L&apos;appareil n&apos;a aucun gestionnaire de paquets que Steward sache lire ; ses mises à jour manquantes sont donc inconnues.</translation>
    </message>
    <message>
        <source>No antivirus</source>
        <translation>Aucun antivirus</translation>
    </message>
    <message>
        <source>Antivirus status not reported</source>
        <translation>État de l&apos;antivirus non signalé</translation>
    </message>
    <message>
        <source>Check that the Steward agent runs on the device and can reach the server.</source>
        <translation>Vérifiez que l&apos;agent Steward fonctionne sur l&apos;appareil et peut joindre le serveur.</translation>
    </message>
    <message>
        <source>Real-time protection is off</source>
        <translation>Protection en temps réel désactivée</translation>
    </message>
    <message>
        <source>Turn real-time protection back on in the antivirus (for ClamAV: on-access scanning with clamonacc, and clamd running).</source>
        <translation>Réactivez la protection en temps réel dans l&apos;antivirus (pour ClamAV : analyse à l&apos;accès avec clamonacc, et clamd en cours d&apos;exécution).</translation>
    </message>
    <message>
        <source>Antivirus definitions out of date</source>
        <translation>Définitions de l&apos;antivirus périmées</translation>
    </message>
    <message>
        <source>Let the antivirus update its definitions: check that it can reach its update server (for ClamAV, that freshclam runs).</source>
        <translation>Laissez l&apos;antivirus mettre à jour ses définitions : vérifiez qu&apos;il peut joindre son serveur de mises à jour (pour ClamAV, que freshclam fonctionne).</translation>
    </message>
    <message>
        <source>Antivirus definitions of unknown age</source>
        <translation>Définitions de l&apos;antivirus d&apos;âge inconnu</translation>
    </message>
    <message>
        <source>Check that the antivirus service runs and has downloaded its definitions at least once.</source>
        <translation>Vérifiez que le service de l&apos;antivirus fonctionne et qu&apos;il a téléchargé ses définitions au moins une fois.</translation>
    </message>
    <message>
        <source>Security updates pending</source>
        <translation>Mises à jour de sécurité en attente</translation>
    </message>
    <message>
        <source>Install the pending updates (Updates tab), then restart the device if it asks.</source>
        <translation>Installez les mises à jour en attente (onglet Mises à jour), puis redémarrez l&apos;appareil s&apos;il le demande.</translation>
    </message>
    <message>
        <source>Updates not reported</source>
        <translation>Mises à jour non signalées</translation>
    </message>
    <message>
        <source>Check that the Steward agent runs on the device; the Errors tab says why a collector failed.</source>
        <translation>Vérifiez que l&apos;agent Steward fonctionne sur l&apos;appareil ; l&apos;onglet Erreurs indique pourquoi un collecteur a échoué.</translation>
    </message>
    <message>
        <source>Updates cannot be checked</source>
        <translation>Mises à jour impossibles à vérifier</translation>
    </message>
    <message>
        <source>Keep this device up to date by hand, or ask the Steward administrators whether its package manager can be supported.</source>
        <translation>Mettez cet appareil à jour manuellement, ou demandez aux administrateurs de Steward si son gestionnaire de paquets peut être pris en charge.</translation>
    </message>
    <message>
        <source>Make sure the device is switched on and connected to the network, and that the Steward agent runs on it.</source>
        <translation>Assurez-vous que l&apos;appareil est allumé et connecté au réseau, et que l&apos;agent Steward y fonctionne.</translation>
    </message>
    <message>
        <source>Never reported</source>
        <translation>Aucun rapport</translation>
    </message>
    <message>
        <source>Check that the Steward agent was started after enrolment and can reach the server&apos;s agent port.</source>
        <translation>Vérifiez que l&apos;agent Steward a été démarré après l&apos;inscription et qu&apos;il peut joindre le port des agents du serveur.</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>Install the antivirus your organisation requires; it shows here after the device&apos;s next report.</source>
        <translation>Installez l&apos;antivirus exigé par votre organisation ; il apparaîtra ici après le prochain rapport de l&apos;appareil.</translation>
    </message>
    <message>
        <source>Not seen recently</source>
        <translation>Sans contact récent</translation>
    </message>
    <message>
        <source>Restart pending too long</source>
        <translation>Redémarrage en attente depuis trop longtemps</translation>
    </message>
    <message>
        <source>Installed updates need a restart, and it has waited longer than the policy allows.</source>
        <translation>Des mises à jour installées demandent un redémarrage, qui attend depuis plus longtemps que la politique ne le permet.</translation>
    </message>
    <message>
        <source>Restart the device, or schedule a patch job that restarts it.</source>
        <translation>Redémarrez l’appareil, ou planifiez une tâche de mise à jour qui le redémarre.</translation>
    </message>
    <message>
        <source>Required software missing</source>
        <translation>Logiciel obligatoire absent</translation>
    </message>
    <message>
        <source>Software the policy requires is not installed.</source>
        <translation>Un logiciel exigé par la politique n’est pas installé.</translation>
    </message>
    <message>
        <source>Install the software named in the tooltip.</source>
        <translation>Installez le logiciel nommé dans l’infobulle.</translation>
    </message>
    <message>
        <source>Forbidden software installed</source>
        <translation>Logiciel interdit installé</translation>
    </message>
    <message>
        <source>Software the policy forbids is installed.</source>
        <translation>Un logiciel interdit par la politique est installé.</translation>
    </message>
    <message>
        <source>Remove the software named in the tooltip.</source>
        <translation>Désinstallez le logiciel nommé dans l’infobulle.</translation>
    </message>
    <message>
        <source>Software not reported</source>
        <translation>Logiciels non signalés</translation>
    </message>
    <message>
        <source>The device has not reported its installed software, which the policy checks.</source>
        <translation>L’appareil n’a pas signalé ses logiciels installés, que la politique vérifie.</translation>
    </message>
    <message>
        <source>Low on disk space</source>
        <translation>Espace disque insuffisant</translation>
    </message>
    <message>
        <source>A disk has less free space than the policy requires.</source>
        <translation>Un disque a moins d’espace libre que la politique ne l’exige.</translation>
    </message>
    <message>
        <source>Free some space on the disk named in the tooltip, or enlarge it.</source>
        <translation>Libérez de l’espace sur le disque nommé dans l’infobulle, ou agrandissez-le.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>%1 = %2 (built in)</source>
        <translation>%1 = %2 (valeur par défaut)</translation>
    </message>
    <message>
        <source>%1 = %2, set by %3</source>
        <translation>%1 = %2, fixé par %3</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Politique</translation>
    </message>
</context>
<context>
    <name>steward::app::ConsoleApp</name>
    <message>
        <source>Steward console: devices, compliance and patch status.</source>
        <translation>Console Steward : appareils, conformité et état des mises à jour.</translation>
    </message>
    <message>
        <source>Server admin URL to connect to.</source>
        <translation>URL d&apos;administration du serveur auquel se connecter.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Site CA certificate (ca.pem).</source>
        <translation>Certificat de l&apos;AC du site (ca.pem).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>User name.</source>
        <translation>Nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentDeviceModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n installed</source>
        <translation>
            <numerusform>%1 sur %n installée</numerusform>
            <numerusform>%1 sur %n installées</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <source>INVALID</source>
        <translation>INVALIDE</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Signed by the device: its certificate from the site CA vouches for this result.</source>
        <translation>Signé par l&apos;appareil : son certificat, émis par l&apos;AC du site, garantit ce résultat.</translation>
    </message>
    <message>
        <source>Not checked: the server sent no certificate of the device to check the receipt with.</source>
        <translation>Non vérifié : le serveur n&apos;a envoyé aucun certificat de l&apos;appareil pour vérifier le reçu.</translation>
    </message>
    <message>
        <source>INVALID: the receipt is not signed by this device&apos;s certificate, or it says something else than the server shows. Do not trust this result.</source>
        <translation>INVALIDE : le reçu n&apos;est pas signé par le certificat de cet appareil, ou il dit autre chose que ce que montre le serveur. Ne vous fiez pas à ce résultat.</translation>
    </message>
    <message>
        <source>No receipt: the device has not signed a result for this deployment (yet).</source>
        <translation>Aucun reçu : l&apos;appareil n&apos;a pas (encore) signé de résultat pour ce déploiement.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Déploiement</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Code de sortie</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Mises à jour</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Deployment ID</source>
        <translation>ID du déploiement</translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentDialog</name>
    <message>
        <source>New deployment</source>
        <translation>Nouveau déploiement</translation>
    </message>
    <message>
        <source>The deployment is signed here with your operator key: the server only receives it signed and cannot change it, and each device checks the signature before it installs anything.</source>
        <translation>Le déploiement est signé ici avec votre clé d&apos;opérateur : le serveur le reçoit déjà signé et ne peut pas le modifier, et chaque appareil vérifie la signature avant d&apos;installer quoi que ce soit.</translation>
    </message>
    <message>
        <source>&amp;Sign and deploy</source>
        <translation>&amp;Signer et déployer</translation>
    </message>
    <message>
        <source>&amp;Security updates</source>
        <translation>Mises à jour de &amp;sécurité</translation>
    </message>
    <message>
        <source>&amp;All updates</source>
        <translation>&amp;Toutes les mises à jour</translation>
    </message>
    <message>
        <source>C&amp;hosen packages:</source>
        <translation>Paquets c&amp;hoisis :</translation>
    </message>
    <message>
        <source>Dead&amp;line:</source>
        <translation>É&amp;chéance :</translation>
    </message>
    <message>
        <source>The devices to deploy to. The deployment is signed for exactly these devices.</source>
        <translation>Les appareils sur lesquels déployer. Le déploiement est signé pour exactement ces appareils.</translation>
    </message>
    <message>
        <source>&amp;Devices:</source>
        <translation>&amp;Appareils :</translation>
    </message>
    <message>
        <source>Install:</source>
        <translation>Installer :</translation>
    </message>
    <message>
        <source>Devices start it at this time at the earliest.</source>
        <translation>Les appareils le commencent au plus tôt à cette heure.</translation>
    </message>
    <message>
        <source>&amp;Not before:</source>
        <translation>&amp;Pas avant :</translation>
    </message>
    <message>
        <source>Devices install the updates by this time, even outside their maintenance window; with no deadline, they wait for it.</source>
        <translation>Les appareils installent les mises à jour avant cette heure, même en dehors de leur fenêtre de maintenance ; sans échéance, ils attendent celle-ci.</translation>
    </message>
    <message>
        <source>A device that has not run it by then never will: it expires.</source>
        <translation>Un appareil qui ne l&apos;a pas exécuté d&apos;ici là ne l&apos;exécutera jamais : il expire.</translation>
    </message>
    <message>
        <source>&amp;Expires:</source>
        <translation>&amp;Expire le :</translation>
    </message>
    <message>
        <source>&amp;Restart:</source>
        <translation>&amp;Redémarrage :</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source>How many devices may run it at the same time.</source>
        <translation>Combien d&apos;appareils peuvent l&apos;exécuter en même temps.</translation>
    </message>
    <message>
        <source>At &amp;most at once:</source>
        <translation>Au plus &amp;simultanément :</translation>
    </message>
    <message>
        <source>Operator &amp;key:</source>
        <translation>&amp;Clé d&apos;opérateur :</translation>
    </message>
    <message>
        <source>The passphrase of the key file; leave it empty for a key file without one.</source>
        <translation>La phrase secrète du fichier de clé ; laissez-la vide pour un fichier de clé qui n&apos;en a pas.</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>P&amp;hrase secrète :</translation>
    </message>
    <message>
        <source>Updates pending on the devices checked above; each is installed in the newest version the device&apos;s package sources offer.</source>
        <translation>Mises à jour en attente sur les appareils cochés ci-dessus ; chacune est installée dans la version la plus récente que proposent les sources de paquets de l&apos;appareil.</translation>
    </message>
    <message>
        <source>Other packages: NAME or NAME=VERSION, separated by spaces</source>
        <translation>Autres paquets : NOM ou NOM=VERSION, séparés par des espaces</translation>
    </message>
    <message>
        <source>Package names (Debian, rpm or NEVRA), dnf advisories or Windows updates (KB or UpdateID), each with a version to install if needed: openssl libssl3=3.0.13-1~deb12u1 RHSA-2024:1234 KB5034441</source>
        <translation>Noms de paquets (Debian, rpm ou NEVRA), avis de sécurité dnf ou mises à jour Windows (KB ou UpdateID), chacun avec une version à installer si besoin : openssl libssl3=3.0.13-1~deb12u1 RHSA-2024:1234 KB5034441</translation>
    </message>
    <message>
        <source>The key file stewardctl signing add-operator wrote</source>
        <translation>Le fichier de clé écrit par stewardctl signing add-operator</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Operator key file</source>
        <translation>Fichier de clé d&apos;opérateur</translation>
    </message>
    <message>
        <source>Key files (*.key *.pem);;All files (*)</source>
        <translation>Fichiers de clé (*.key *.pem);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Could not list the devices: %1</source>
        <translation>Impossible de lister les appareils : %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (security update, on %n devices)</source>
        <translation>
            <numerusform>%1 (mise à jour de sécurité, sur %n appareil)</numerusform>
            <numerusform>%1 (mise à jour de sécurité, sur %n appareils)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (on %n devices)</source>
        <translation>
            <numerusform>%1 (sur %n appareil)</numerusform>
            <numerusform>%1 (sur %n appareils)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading the pending updates of %n devices…</source>
        <translation>
            <numerusform>Lecture des mises à jour en attente de %n appareil…</numerusform>
            <numerusform>Lecture des mises à jour en attente de %n appareils…</numerusform>
        </translation>
    </message>
    <message>
        <source>Check devices above to see the updates pending on them.</source>
        <translation>Cochez des appareils ci-dessus pour voir les mises à jour en attente sur ceux-ci.</translation>
    </message>
    <message>
        <source>No updates are pending on the devices checked.</source>
        <translation>Aucune mise à jour n&apos;est en attente sur les appareils cochés.</translation>
    </message>
    <message numerus="yes">
        <source>Only the pending updates of the first %n devices are listed.</source>
        <translation>
            <numerusform>Seules les mises à jour en attente des %n premiers appareils sont listées.</numerusform>
            <numerusform>Seules les mises à jour en attente des %n premiers appareils sont listées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices checked</source>
        <translation>
            <numerusform>%n appareil coché</numerusform>
            <numerusform>%n appareils cochés</numerusform>
        </translation>
    </message>
    <message>
        <source>(listing every device…)</source>
        <translation>(liste de tous les appareils…)</translation>
    </message>
    <message>
        <source>Check at least one device to deploy to.</source>
        <translation>Cochez au moins un appareil sur lequel déployer.</translation>
    </message>
    <message>
        <source>One deployment takes at most %1 devices; %2 are checked.</source>
        <translation>Un déploiement accepte au plus %1 appareils ; %2 sont cochés.</translation>
    </message>
    <message>
        <source>“%1” is not a package version: letters, digits and _ + . : ~ ^ -, starting with a letter or digit.</source>
        <translation>“%1” n&apos;est pas une version de paquet : lettres, chiffres et _ + . : ~ ^ -, en commençant par une lettre ou un chiffre.</translation>
    </message>
    <message>
        <source>“%1” is not a package name, advisory or update: letters, digits and _ + . : ~ ^ -, starting with a letter or digit.</source>
        <translation>“%1” n&apos;est pas un nom de paquet, un avis ou une mise à jour : lettres, chiffres et _ + . : ~ ^ -, en commençant par une lettre ou un chiffre.</translation>
    </message>
    <message>
        <source>%1 is chosen twice: choose it once, with or without a version.</source>
        <translation>%1 est choisi deux fois : choisissez-le une seule fois, avec ou sans version.</translation>
    </message>
    <message>
        <source>Choose at least one package, or install security or all updates.</source>
        <translation>Choisissez au moins un paquet, ou installez les mises à jour de sécurité ou toutes les mises à jour.</translation>
    </message>
    <message>
        <source>Restarting at the deadline needs a deadline: set one, or choose another restart policy.</source>
        <translation>Redémarrer à l&apos;échéance demande une échéance : fixez-en une, ou choisissez une autre règle de redémarrage.</translation>
    </message>
    <message>
        <source>The expiry is already past: choose a later one.</source>
        <translation>L&apos;expiration est déjà passée : choisissez-en une plus tardive.</translation>
    </message>
    <message>
        <source>The deadline is already past: choose a later one, or none.</source>
        <translation>L&apos;échéance est déjà passée : choisissez-en une plus tardive, ou aucune.</translation>
    </message>
    <message>
        <source>The deployment would expire before its deadline: choose a later expiry.</source>
        <translation>Le déploiement expirerait avant son échéance : choisissez une expiration plus tardive.</translation>
    </message>
    <message>
        <source>The deployment would expire before it may start: choose a later expiry or an earlier start.</source>
        <translation>Le déploiement expirerait avant de pouvoir commencer : choisissez une expiration plus tardive ou un début plus tôt.</translation>
    </message>
    <message>
        <source>The deadline is before the deployment may start: choose a later deadline or an earlier start.</source>
        <translation>L&apos;échéance précède le début possible du déploiement : choisissez une échéance plus tardive ou un début plus tôt.</translation>
    </message>
    <message>
        <source>Choose your operator key file: the deployment is signed with it.</source>
        <translation>Choisissez votre fichier de clé d&apos;opérateur : le déploiement est signé avec celle-ci.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Le fichier %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>This site has no operator list yet: create it with stewardctl signing add-operator.</source>
        <translation>Ce site n&apos;a pas encore de liste d&apos;opérateurs : créez-la avec stewardctl signing add-operator.</translation>
    </message>
    <message>
        <source>Your operator key is not in the site&apos;s operator list.</source>
        <translation>Votre clé d&apos;opérateur ne figure pas dans la liste d&apos;opérateurs du site.</translation>
    </message>
    <message>
        <source>Your operator key has expired: the root key&apos;s holder must renew it.</source>
        <translation>Votre clé d&apos;opérateur a expiré : le détenteur de la clé racine doit la renouveler.</translation>
    </message>
    <message>
        <source>Your operator key may not sign update deployments.</source>
        <translation>Votre clé d&apos;opérateur n&apos;est pas autorisée à signer des déploiements de mises à jour.</translation>
    </message>
    <message>
        <source>The site&apos;s operator list has expired: the root key&apos;s holder must renew it.</source>
        <translation>La liste d&apos;opérateurs du site a expiré : le détenteur de la clé racine doit la renouveler.</translation>
    </message>
    <message>
        <source>A device checked is revoked or no longer exists: %1</source>
        <translation>Un appareil coché est révoqué ou n&apos;existe plus : %1</translation>
    </message>
    <message>
        <source>The key file is encrypted: enter its passphrase.</source>
        <translation>Le fichier de clé est chiffré : saisissez sa phrase secrète.</translation>
    </message>
    <message>
        <source>Wrong passphrase for the key file.</source>
        <translation>Phrase secrète incorrecte pour le fichier de clé.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1.</source>
        <translation>Impossible de lire le fichier de clé %1.</translation>
    </message>
    <message>
        <source>%1 is not an operator key file made by stewardctl.</source>
        <translation>%1 n&apos;est pas un fichier de clé d&apos;opérateur créé par stewardctl.</translation>
    </message>
    <message>
        <source>Could not sign the deployment: %1</source>
        <translation>Impossible de signer le déploiement : %1</translation>
    </message>
    <message>
        <source>Also restart ser&amp;vers</source>
        <translation>Redémarrer aussi les ser&amp;veurs</translation>
    </message>
    <message>
        <source>Pa&amp;use when more than:</source>
        <translation>Suspendre au-de&amp;là de :</translation>
    </message>
    <message>
        <source>Any time, or for example: Sat 22:00-04:00; 2nd Tue 22:00-02:00</source>
        <translation>À tout moment, ou par exemple : Sat 22:00-04:00; 2nd Tue 22:00-02:00</translation>
    </message>
    <message>
        <source>Devices start the deployment only inside one of these windows, in each device&apos;s own local time; the deadline overrides them. Separate windows with “;”: Sat 22:00-04:00; Mon-Fri 20:00-06:00; Sun,Wed 01:00+3h; 2nd Tue 22:00-02:00. Empty: at any time.</source>
        <translation>Les appareils ne commencent le déploiement que dans l&apos;une de ces fenêtres, à l&apos;heure locale de chaque appareil ; l&apos;échéance passe avant elles. Séparez les fenêtres par “;” (jours en anglais) : Sat 22:00-04:00; Mon-Fri 20:00-06:00; Sun,Wed 01:00+3h; 2nd Tue 22:00-02:00. Vide : à tout moment.</translation>
    </message>
    <message>
        <source>Maintenance &amp;windows:</source>
        <translation>Fenêtres de &amp;maintenance :</translation>
    </message>
    <message>
        <source>Servers are restarted only when this is checked; workstations follow the restart policy.</source>
        <translation>Les serveurs ne sont redémarrés que si cette case est cochée ; les postes de travail suivent la politique de redémarrage.</translation>
    </message>
    <message>
        <source>No pilot</source>
        <translation>Sans pilote</translation>
    </message>
    <message>
        <source>How many of the devices checked, the first in the list&apos;s order, receive the deployment first; the others wait until enough of them succeeded.</source>
        <translation>Combien des appareils cochés, les premiers dans l&apos;ordre de la liste, reçoivent le déploiement en premier ; les autres attendent qu&apos;assez d&apos;entre eux aient réussi.</translation>
    </message>
    <message>
        <source>P&amp;ilot:</source>
        <translation>P&amp;ilote :</translation>
    </message>
    <message>
        <source>when </source>
        <translation>quand </translation>
    </message>
    <message>
        <source>% of the pilot succeeded</source>
        <translation> % du pilote a réussi</translation>
    </message>
    <message>
        <source>The other devices receive the deployment once this share of the pilot succeeded. A device the updates do not apply to counts neither way.</source>
        <translation>Les autres appareils reçoivent le déploiement une fois que cette part du pilote a réussi. Un appareil auquel les mises à jour ne s&apos;appliquent pas ne compte ni pour ni contre.</translation>
    </message>
    <message>
        <source>The rest &amp;follows:</source>
        <translation>Le reste s&amp;uit :</translation>
    </message>
    <message>
        <source>The deployment pauses itself when more than this share of the devices that finished failed, so that you can look before it reaches more devices.</source>
        <translation>Le déploiement se suspend de lui-même quand plus de cette part des appareils qui ont terminé a échoué, pour que vous puissiez regarder avant qu&apos;il n&apos;atteigne d&apos;autres appareils.</translation>
    </message>
    <message>
        <source>% of finished devices failed</source>
        <translation> % des appareils terminés en échec</translation>
    </message>
    <message>
        <source>How many devices the server releases the deployment to in any minute.</source>
        <translation>À combien d&apos;appareils au plus le serveur transmet le déploiement en une minute.</translation>
    </message>
    <message>
        <source>At most per min&amp;ute:</source>
        <translation>Au plus par mi&amp;nute :</translation>
    </message>
    <message>
        <source>A pilot device is not one of the devices checked.</source>
        <translation>Un appareil pilote ne fait pas partie des appareils cochés.</translation>
    </message>
    <message>
        <source>A share must be from 0 to 100%.</source>
        <translation>Une part doit être comprise entre 0 et 100 %.</translation>
    </message>
    <message>
        <source>“%1” is not a maintenance window: write days and hours such as Sat 22:00-04:00, Mon-Fri 20:00-06:00, Sun,Wed 01:00+3h or 2nd Tue 22:00-02:00.</source>
        <translation>“%1” n&apos;est pas une fenêtre de maintenance : écrivez des jours et des heures comme Sat 22:00-04:00, Mon-Fri 20:00-06:00, Sun,Wed 01:00+3h ou 2nd Tue 22:00-02:00.</translation>
    </message>
    <message>
        <source>A deployment takes at most %1 maintenance windows; %2 are given.</source>
        <translation>Un déploiement accepte au plus %1 fenêtres de maintenance ; %2 sont indiquées.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of the %n devices checked, from the top of the list, before the others.</source>
        <translation>
            <numerusform>%1 appareil sur %n coché, en haut de la liste, avant les autres.</numerusform>
            <numerusform>%1 des %n appareils cochés, en haut de la liste, avant les autres.</numerusform>
        </translation>
    </message>
    <message>
        <source>No device waits for a pilot.</source>
        <translation>Aucun appareil n&apos;attend de pilote.</translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentPage</name>
    <message>
        <source>&amp;Cancel deployment…</source>
        <translation>&amp;Annuler le déploiement…</translation>
    </message>
    <message>
        <source>← All deployments</source>
        <translation>← Tous les déploiements</translation>
    </message>
    <message>
        <source>Back to the list of deployments (Alt+Left)</source>
        <translation>Retour à la liste des déploiements (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Devices that have not started it will not run it; one running it now is asked to stop.</source>
        <translation>Les appareils qui ne l&apos;ont pas commencé ne l&apos;exécuteront pas ; un appareil qui l&apos;exécute en ce moment est prié de s&apos;arrêter.</translation>
    </message>
    <message>
        <source>Selected device</source>
        <translation>Appareil sélectionné</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Loading the deployment…</source>
        <translation>Chargement du déploiement…</translation>
    </message>
    <message>
        <source>Could not load the deployment: %1</source>
        <translation>Impossible de charger le déploiement : %1</translation>
    </message>
    <message>
        <source>This deployment has no devices.</source>
        <translation>Ce déploiement n&apos;a aucun appareil.</translation>
    </message>
    <message>
        <source>Created %1 by %2.</source>
        <translation>Créé le %1 par %2.</translation>
    </message>
    <message>
        <source>Packages: %1.</source>
        <translation>Paquets : %1.</translation>
    </message>
    <message>
        <source>Not before %1; deadline: %2; expires %3.</source>
        <translation>Pas avant le %1 ; échéance : %2 ; expire le %3.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message numerus="yes">
        <source>%1; at most %n devices at a time</source>
        <translation>
            <numerusform>%1 ; au plus %n appareil à la fois</numerusform>
            <numerusform>%1 ; au plus %n appareils à la fois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices: %1.</source>
        <translation>
            <numerusform>%n appareil : %1.</numerusform>
            <numerusform>%n appareils : %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled %1 by %2.</source>
        <translation>Annulé le %1 par %2.</translation>
    </message>
    <message>
        <source>Signed with the operator key %1</source>
        <translation>Signé avec la clé d&apos;opérateur %1</translation>
    </message>
    <message>
        <source>Select a device to see its updates, its output and its receipt.</source>
        <translation>Sélectionnez un appareil pour voir ses mises à jour, sa sortie et son reçu.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>delivered %1</source>
        <translation>livré le %1</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>commencé le %1</translation>
    </message>
    <message>
        <source>finished %1</source>
        <translation>terminé le %1</translation>
    </message>
    <message>
        <source>Not delivered yet.</source>
        <translation>Pas encore livré.</translation>
    </message>
    <message>
        <source>Exit code %1.</source>
        <translation>Code de sortie %1.</translation>
    </message>
    <message>
        <source>%1 %2 → %3: %4</source>
        <translation>%1 %2 → %3 : %4</translation>
    </message>
    <message>
        <source>No updates listed.</source>
        <translation>Aucune mise à jour listée.</translation>
    </message>
    <message>
        <source>No output.</source>
        <translation>Aucune sortie.</translation>
    </message>
    <message numerus="yes">
        <source>Output: %n bytes in all</source>
        <translation>
            <numerusform>Sortie : %n octet au total</numerusform>
            <numerusform>Sortie : %n octets au total</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentTableModel</name>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En file d&apos;attente</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livré</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Délai dépassé</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Security updates</source>
        <translation>Mises à jour de sécurité</translation>
    </message>
    <message>
        <source>All updates</source>
        <translation>Toutes les mises à jour</translation>
    </message>
    <message numerus="yes">
        <source>%n packages</source>
        <translation>
            <numerusform>%n paquet</numerusform>
            <numerusform>%n paquets</numerusform>
        </translation>
    </message>
    <message>
        <source>Never restart</source>
        <translation>Ne jamais redémarrer</translation>
    </message>
    <message>
        <source>Restart if an update requires it</source>
        <translation>Redémarrer si une mise à jour l&apos;exige</translation>
    </message>
    <message>
        <source>Restart at the deadline</source>
        <translation>Redémarrer à l&apos;échéance</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n finished</source>
        <translation>
            <numerusform>%1 sur %n terminé</numerusform>
            <numerusform>%1 sur %n terminés</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>No devices</source>
        <translation>Aucun appareil</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Cancelled by %1 on %2</source>
        <translation>Annulé par %1 le %2</translation>
    </message>
    <message>
        <source>Not before %1</source>
        <translation>Pas avant le %1</translation>
    </message>
    <message>
        <source>Signed with the operator key %1</source>
        <translation>Signé avec la clé d&apos;opérateur %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire le</translation>
    </message>
</context>
<context>
    <name>steward::app::DeploymentsView</name>
    <message>
        <source>&amp;New deployment…</source>
        <translation>&amp;Nouveau déploiement…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>&amp;Cancel deployment…</source>
        <translation>&amp;Annuler le déploiement…</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>Déploiements</translation>
    </message>
    <message>
        <source>Search deployments: state, package, who…</source>
        <translation>Rechercher des déploiements : état, paquet, qui…</translation>
    </message>
    <message>
        <source>Loading deployments…</source>
        <translation>Chargement des déploiements…</translation>
    </message>
    <message numerus="yes">
        <source>Deployment of %1 created for %n devices.</source>
        <translation>
            <numerusform>Déploiement de %1 créé pour %n appareil.</numerusform>
            <numerusform>Déploiement de %1 créé pour %n appareils.</numerusform>
        </translation>
    </message>
    <message>
        <source>this deployment</source>
        <translation>ce déploiement</translation>
    </message>
    <message>
        <source>Cancel deployment</source>
        <translation>Annuler le déploiement</translation>
    </message>
    <message>
        <source>Cancel the deployment of %1?</source>
        <translation>Annuler le déploiement de %1 ?</translation>
    </message>
    <message numerus="yes">
        <source>%n devices have not finished it. Those that have not started it will not run it; one running it now is asked to stop. What has been installed stays installed. Cancelling cannot be undone.</source>
        <translation>
            <numerusform>%n appareil ne l&apos;a pas terminé. Les appareils qui ne l&apos;ont pas commencé ne l&apos;exécuteront pas ; un appareil qui l&apos;exécute en ce moment est prié de s&apos;arrêter. Ce qui a été installé le reste. L&apos;annulation est définitive.</numerusform>
            <numerusform>%n appareils ne l&apos;ont pas terminé. Ceux qui ne l&apos;ont pas commencé ne l&apos;exécuteront pas ; un appareil qui l&apos;exécute en ce moment est prié de s&apos;arrêter. Ce qui a été installé le reste. L&apos;annulation est définitive.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel &amp;deployment</source>
        <translation>Annuler le &amp;déploiement</translation>
    </message>
    <message>
        <source>Cancelling the deployment of %1…</source>
        <translation>Annulation du déploiement de %1…</translation>
    </message>
    <message>
        <source>Could not cancel the deployment of %1: %2</source>
        <translation>Impossible d&apos;annuler le déploiement de %1 : %2</translation>
    </message>
    <message>
        <source>Deployment of %1 cancelled.</source>
        <translation>Déploiement de %1 annulé.</translation>
    </message>
    <message numerus="yes">
        <source>%n deployments</source>
        <translation>
            <numerusform>%n déploiement</numerusform>
            <numerusform>%n déploiements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n deployments shown</source>
        <translation>
            <numerusform>%1 sur %n déploiement affiché</numerusform>
            <numerusform>%1 sur %n déploiements affichés</numerusform>
        </translation>
    </message>
    <message>
        <source>No deployments yet. Create one with New deployment…, or from the Devices view: select devices, then Deploy updates….</source>
        <translation>Aucun déploiement pour l&apos;instant. Créez-en un avec Nouveau déploiement…, ou depuis la vue Appareils : sélectionnez des appareils, puis Déployer des mises à jour….</translation>
    </message>
    <message>
        <source>No deployments yet.</source>
        <translation>Aucun déploiement pour l&apos;instant.</translation>
    </message>
    <message>
        <source>No deployment matches “%1”.</source>
        <translation>Aucun déploiement ne correspond à “%1”.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
</context>
<context>
    <name>steward::app::DevicePage</name>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Conformité</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Mises à jour</translation>
    </message>
    <message>
        <source>Antivirus</source>
        <translation>Antivirus</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Matériel</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Logiciels</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Back to the device list</source>
        <translation>Retour à la liste des appareils</translation>
    </message>
    <message>
        <source>Not reported by this device yet</source>
        <translation>Pas encore signalé par cet appareil</translation>
    </message>
    <message>
        <source>This section could not be read (sent by an older or newer agent)</source>
        <translation>Cette section n&apos;a pas pu être lue (envoyée par un agent plus ancien ou plus récent)</translation>
    </message>
    <message>
        <source>This device no longer exists on the server</source>
        <translation>Cet appareil n&apos;existe plus sur le serveur</translation>
    </message>
    <message>
        <source>← All devices</source>
        <translation>← Tous les appareils</translation>
    </message>
    <message>
        <source>Back to the device list (Alt+Left)</source>
        <translation>Retour à la liste des appareils (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Copy device ID</source>
        <translation>Copier l&apos;ID de l&apos;appareil</translation>
    </message>
    <message>
        <source>Device ID %1 copied</source>
        <translation>ID de l&apos;appareil copié : %1</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Révoquer…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Hostname:</source>
        <translation>Nom d&apos;hôte :</translation>
    </message>
    <message>
        <source>Device ID:</source>
        <translation>ID de l&apos;appareil :</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>Last seen:</source>
        <translation>Dernier contact :</translation>
    </message>
    <message>
        <source>Enrolled:</source>
        <translation>Inscription :</translation>
    </message>
    <message>
        <source>Restart required:</source>
        <translation>Redémarrage requis :</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Système d&apos;exploitation</translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation>Système d&apos;exploitation :</translation>
    </message>
    <message>
        <source>Kernel:</source>
        <translation>Noyau :</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Architecture :</translation>
    </message>
    <message>
        <source>Manufacturer and model:</source>
        <translation>Fabricant et modèle :</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>Numéro de série :</translation>
    </message>
    <message>
        <source>Chassis:</source>
        <translation>Châssis :</translation>
    </message>
    <message>
        <source>BIOS:</source>
        <translation>BIOS :</translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation>Micrologiciel :</translation>
    </message>
    <message>
        <source>Processor:</source>
        <translation>Processeur :</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire :</translation>
    </message>
    <message>
        <source>Virtualization:</source>
        <translation>Virtualisation :</translation>
    </message>
    <message>
        <source>Package manager:</source>
        <translation>Gestionnaire de paquets :</translation>
    </message>
    <message>
        <source>Package lists refreshed:</source>
        <translation>Listes de paquets actualisées :</translation>
    </message>
    <message>
        <source>Updates last installed:</source>
        <translation>Dernière installation de mises à jour :</translation>
    </message>
    <message>
        <source>No updates pending.</source>
        <translation>Aucune mise à jour en attente.</translation>
    </message>
    <message>
        <source>No antivirus product was found on this device.</source>
        <translation>Aucun antivirus n&apos;a été trouvé sur cet appareil.</translation>
    </message>
    <message>
        <source>Disks</source>
        <translation>Disques</translation>
    </message>
    <message>
        <source>No disks were reported.</source>
        <translation>Aucun disque n&apos;a été signalé.</translation>
    </message>
    <message>
        <source>Filesystems</source>
        <translation>Systèmes de fichiers</translation>
    </message>
    <message>
        <source>No filesystems on block devices were reported.</source>
        <translation>Aucun système de fichiers sur périphérique bloc n&apos;a été signalé.</translation>
    </message>
    <message>
        <source>No network interfaces were reported.</source>
        <translation>Aucune interface réseau n&apos;a été signalée.</translation>
    </message>
    <message>
        <source>Nobody was logged in when the device last reported.</source>
        <translation>Personne n&apos;était connecté lors du dernier rapport de l&apos;appareil.</translation>
    </message>
    <message>
        <source>Search by name, version or publisher</source>
        <translation>Rechercher par nom, version ou éditeur</translation>
    </message>
    <message>
        <source>Agent version:</source>
        <translation>Version de l&apos;agent :</translation>
    </message>
    <message>
        <source>Reports dropped:</source>
        <translation>Rapports abandonnés :</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>Reports stored:</source>
        <translation>Rapports conservés :</translation>
    </message>
    <message>
        <source>Reports missing:</source>
        <translation>Rapports manquants :</translation>
    </message>
    <message>
        <source>Certificate expires:</source>
        <translation>Expiration du certificat :</translation>
    </message>
    <message>
        <source>Every collector produced its section in the last report.</source>
        <translation>Chaque collecteur a produit sa section dans le dernier rapport.</translation>
    </message>
    <message>
        <source>Show older entries</source>
        <translation>Afficher les entrées plus anciennes</translation>
    </message>
    <message>
        <source>Yes, for %1</source>
        <translation>Oui, pour %1</translation>
    </message>
    <message>
        <source>Revoked: the server refuses its certificate</source>
        <translation>Révoqué : le serveur refuse son certificat</translation>
    </message>
    <message>
        <source>Never reported since it was enrolled</source>
        <translation>Aucun rapport depuis son inscription</translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>%1, dated %2</source>
        <translation>%1, daté du %2</translation>
    </message>
    <message>
        <source>UEFI</source>
        <translation>UEFI</translation>
    </message>
    <message>
        <source>Legacy BIOS</source>
        <translation>BIOS hérité</translation>
    </message>
    <message numerus="yes">
        <source>%n cores</source>
        <translation>
            <numerusform>%n cœur</numerusform>
            <numerusform>%n cœurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n logical processors</source>
        <translation>
            <numerusform>%n processeur logique</numerusform>
            <numerusform>%n processeurs logiques</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sockets</source>
        <translation>
            <numerusform>%n socket</numerusform>
            <numerusform>%n sockets</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Virtual machine</source>
        <translation>Machine virtuelle</translation>
    </message>
    <message>
        <source>Virtual machine (%1)</source>
        <translation>Machine virtuelle (%1)</translation>
    </message>
    <message>
        <source>Physical machine</source>
        <translation>Machine physique</translation>
    </message>
    <message>
        <source>%1, in a container (%2)</source>
        <translation>%1, dans un conteneur (%2)</translation>
    </message>
    <message>
        <source>Not evaluated yet</source>
        <translation>Pas encore évalué</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>Conforme</translation>
    </message>
    <message numerus="yes">
        <source>Not compliant: %n reasons</source>
        <translation>
            <numerusform>Non conforme : %n raison</numerusform>
            <numerusform>Non conforme : %n raisons</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluated %1</source>
        <translation>Dernière évaluation : %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n pending updates</source>
        <translation>
            <numerusform>%n mise à jour en attente</numerusform>
            <numerusform>%n mises à jour en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n security updates</source>
        <translation>
            <numerusform>%n mise à jour de sécurité</numerusform>
            <numerusform>%n mises à jour de sécurité</numerusform>
        </translation>
    </message>
    <message>
        <source>APT (Debian, Ubuntu)</source>
        <translation>APT (Debian, Ubuntu)</translation>
    </message>
    <message>
        <source>DNF (Fedora, Red Hat)</source>
        <translation>DNF (Fedora, Red Hat)</translation>
    </message>
    <message>
        <source>Windows Update</source>
        <translation>Windows Update</translation>
    </message>
    <message>
        <source>None that Steward can read</source>
        <translation>Aucun que Steward sache lire</translation>
    </message>
    <message numerus="yes">
        <source>%n packages</source>
        <translation>
            <numerusform>%n paquet</numerusform>
            <numerusform>%n paquets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n packages</source>
        <translation>
            <numerusform>%1 sur %n paquet</numerusform>
            <numerusform>%1 sur %n paquets</numerusform>
        </translation>
    </message>
    <message>
        <source>The device reported no installed software.</source>
        <translation>L&apos;appareil n&apos;a signalé aucun logiciel installé.</translation>
    </message>
    <message>
        <source>No package matches the search.</source>
        <translation>Aucun paquet ne correspond à la recherche.</translation>
    </message>
    <message numerus="yes">
        <source>%n reports, because the agent&apos;s spool was full</source>
        <translation>
            <numerusform>%n rapport, car la file d&apos;attente de l&apos;agent était pleine</numerusform>
            <numerusform>%n rapports, car la file d&apos;attente de l&apos;agent était pleine</numerusform>
        </translation>
    </message>
    <message>
        <source>None: every report arrived</source>
        <translation>Aucun : tous les rapports sont arrivés</translation>
    </message>
    <message numerus="yes">
        <source>%n reports never arrived</source>
        <translation>
            <numerusform>%n rapport n&apos;est jamais arrivé</numerusform>
            <numerusform>%n rapports ne sont jamais arrivés</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Loading device %1…</source>
        <translation>Chargement de l&apos;appareil %1…</translation>
    </message>
    <message>
        <source>Could not load the device: %1</source>
        <translation>Impossible de charger l&apos;appareil : %1</translation>
    </message>
    <message>
        <source>Loading the history of %1…</source>
        <translation>Chargement de l&apos;historique de %1…</translation>
    </message>
    <message>
        <source>Could not load this device&apos;s history: %1</source>
        <translation>Impossible de charger l&apos;historique de cet appareil : %1</translation>
    </message>
    <message>
        <source>Nothing about this device is in the audit log.</source>
        <translation>Le journal d&apos;audit ne contient rien sur cet appareil.</translation>
    </message>
    <message>
        <source>Revoke %1?</source>
        <translation>Révoquer %1 ?</translation>
    </message>
    <message>
        <source>Revoking %1 makes the server refuse its certificate: its agent can no longer report, and the device must be enrolled again to come back. What the server stores about it stays until it is deleted. Revoking cannot be undone.</source>
        <translation>Révoquer %1 fait refuser son certificat par le serveur : son agent ne peut plus envoyer de rapports, et l&apos;appareil doit être inscrit de nouveau pour revenir. Ce que le serveur conserve à son sujet reste jusqu&apos;à sa suppression. La révocation est irréversible.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>Revoking %1…</source>
        <translation>Révocation de %1…</translation>
    </message>
    <message>
        <source>Could not revoke %1: %2</source>
        <translation>Impossible de révoquer %1 : %2</translation>
    </message>
    <message>
        <source>%1 revoked</source>
        <translation>%1 révoqué</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>Supprimer %1 ?</translation>
    </message>
    <message>
        <source>Deleting %1 removes it from the server with everything stored about it: inventory, updates, compliance and its certificates. The audit log keeps the record that it was deleted. Deleting cannot be undone.</source>
        <translation>Supprimer %1 le retire du serveur avec tout ce qui est conservé à son sujet : inventaire, mises à jour, conformité et ses certificats. Le journal d&apos;audit garde la trace de sa suppression. La suppression est irréversible.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>Suppression de %1…</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>Impossible de supprimer %1 : %2</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 supprimé</translation>
    </message>
    <message>
        <source>Fully qualified name:</source>
        <translation>Nom de domaine complet :</translation>
    </message>
    <message>
        <source>Last boot:</source>
        <translation>Dernier démarrage :</translation>
    </message>
    <message>
        <source>The device meets every rule.</source>
        <translation>L&apos;appareil respecte toutes les règles.</translation>
    </message>
    <message>
        <source>Last report number:</source>
        <translation>N° du dernier rapport :</translation>
    </message>
    <message>
        <source>Not seen recently: no contact for longer than the server allows</source>
        <translation>Sans contact récent : aucun contact depuis plus longtemps que le serveur ne l&apos;admet</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Open deployment</source>
        <translation>Ouvrir le déploiement</translation>
    </message>
    <message>
        <source>Show this deployment with every device it targets in the Deployments view</source>
        <translation>Afficher ce déploiement avec tous les appareils qu&apos;il cible dans la vue Déploiements</translation>
    </message>
    <message>
        <source>Loading the jobs of %1…</source>
        <translation>Chargement des tâches de %1…</translation>
    </message>
    <message>
        <source>Could not load this device&apos;s jobs: %1</source>
        <translation>Impossible de charger les tâches de cet appareil : %1</translation>
    </message>
    <message>
        <source>No deployment has targeted this device.</source>
        <translation>Aucun déploiement n&apos;a ciblé cet appareil.</translation>
    </message>
    <message>
        <source>Asset tag:</source>
        <translation>Numéro d&apos;inventaire :</translation>
    </message>
    <message>
        <source>Org unit:</source>
        <translation>Unité d&apos;organisation :</translation>
    </message>
    <message>
        <source>None (the site)</source>
        <translation>Aucune (le site)</translation>
    </message>
    <message>
        <source>Not seen since %1</source>
        <translation>Pas vu depuis %1</translation>
    </message>
    <message>
        <source>Not seen</source>
        <translation>Pas vu</translation>
    </message>
    <message>
        <source>%1, failing since %2</source>
        <translation>%1, en échec depuis %2</translation>
    </message>
    <message>
        <source>Compliance sheet…</source>
        <translation>Fiche de conformité…</translation>
    </message>
    <message>
        <source>Save a printable one-page compliance sheet (PDF) to hand over or attach to a ticket</source>
        <translation>Enregistrer une fiche de conformité imprimable d’une page (PDF), à remettre ou à joindre à un ticket</translation>
    </message>
    <message>
        <source>Save compliance sheet</source>
        <translation>Enregistrer la fiche de conformité</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>compliance-%1.pdf</source>
        <translation>conformite-%1.pdf</translation>
    </message>
    <message>
        <source>Compliance sheet saved to %1</source>
        <translation>Fiche de conformité enregistrée dans %1</translation>
    </message>
    <message>
        <source>The compliance sheet could not be saved: %1</source>
        <translation>La fiche de conformité n’a pas pu être enregistrée : %1</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>Retirer…</translation>
    </message>
    <message>
        <source>Retired by %1, %2</source>
        <translation>Retiré par %1, %2</translation>
    </message>
    <message>
        <source>Retired by %1, %2: %3</source>
        <translation>Retiré par %1, %2 : %3</translation>
    </message>
    <message>
        <source>Retire %1?</source>
        <translation>Retirer %1 ?</translation>
    </message>
    <message>
        <source>Retire %1 when it leaves service (sold, scrapped, handed back). The server refuses its certificate from now on and counts it no more; its inventory, jobs and history stay, marked retired. Retiring cannot be undone.</source>
        <translation>Retirez %1 quand il quitte le service (vendu, mis au rebut, rendu). Le serveur refuse désormais son certificat et ne le compte plus ; son inventaire, ses tâches et son historique restent, marqués comme retirés. Le retrait est définitif.</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Retiring %1…</source>
        <translation>Retrait de %1…</translation>
    </message>
    <message>
        <source>Could not retire %1: %2</source>
        <translation>Impossible de retirer %1 : %2</translation>
    </message>
    <message>
        <source>%1 retired</source>
        <translation>%1 retiré</translation>
    </message>
</context>
<context>
    <name>steward::app::DeviceTableModel</name>
    <message>
        <source>Compliant</source>
        <translation>Conforme</translation>
    </message>
    <message>
        <source>Not compliant</source>
        <translation>Non conforme</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>Nom d&apos;hôte</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Système d&apos;exploitation</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>Pending updates</source>
        <translation>Mises à jour en attente</translation>
    </message>
    <message>
        <source>Security updates</source>
        <translation>Mises à jour de sécurité</translation>
    </message>
    <message>
        <source>Antivirus</source>
        <translation>Antivirus</translation>
    </message>
    <message>
        <source>Definitions age</source>
        <translation>Âge des définitions</translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Not seen recently</source>
        <translation>Sans contact récent</translation>
    </message>
    <message>
        <source>Never reported</source>
        <translation>Aucun rapport</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoqué</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Requis</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>Non signalé</translation>
    </message>
    <message>
        <source>None found</source>
        <translation>Aucun détecté</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Adresse IP</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <source>Logged-in user</source>
        <translation>Utilisateur connecté</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Conformité</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>Redémarrage</translation>
    </message>
    <message>
        <source>Agent version</source>
        <translation>Version de l&apos;agent</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>ID de l&apos;appareil</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>Unité d&apos;organisation</translation>
    </message>
    <message>
        <source>Same serial number as %1: the same machine enrolled twice?</source>
        <translation>Même numéro de série que %1 : la même machine inscrite deux fois ?</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Retiré</translation>
    </message>
</context>
<context>
    <name>steward::app::DevicesView</name>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>Search devices: name, IP or MAC address, serial, user…</source>
        <translation>Rechercher des appareils : nom, adresse IP ou MAC, n° de série, utilisateur…</translation>
    </message>
    <message>
        <source>Loading devices…</source>
        <translation>Chargement des appareils…</translation>
    </message>
    <message numerus="yes">
        <source>%n devices</source>
        <translation>
            <numerusform>%n appareil</numerusform>
            <numerusform>%n appareils</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n devices shown</source>
        <translation>
            <numerusform>%1 sur %n appareil affiché</numerusform>
            <numerusform>%1 sur %n appareils affichés</numerusform>
        </translation>
    </message>
    <message>
        <source>No devices are enrolled yet. Create an enrolment token (stewardctl enrollment-token create) and enrol an agent with it.</source>
        <translation>Aucun appareil n&apos;est encore inscrit. Créez un jeton d&apos;inscription (stewardctl enrollment-token create) et inscrivez un agent avec ce jeton.</translation>
    </message>
    <message>
        <source>No device matches “%1”.</source>
        <translation>Aucun appareil ne correspond à “%1”.</translation>
    </message>
    <message>
        <source>Restore default columns</source>
        <translation>Rétablir les colonnes par défaut</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Copy &amp;hostname</source>
        <translation>Copier le nom d&apos;&amp;hôte</translation>
    </message>
    <message>
        <source>Copy &amp;IP address</source>
        <translation>Copier l&apos;adresse &amp;IP</translation>
    </message>
    <message>
        <source>Copy &amp;serial number</source>
        <translation>Copier le numéro de &amp;série</translation>
    </message>
    <message>
        <source>Copy device &amp;ID</source>
        <translation>Copier l&apos;I&amp;D de l&apos;appareil</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Deploy updates…</source>
        <translation>Dé&amp;ployer des mises à jour…</translation>
    </message>
    <message numerus="yes">
        <source>Deploy updates to the %n selected devices.</source>
        <translation>
            <numerusform>Déployer des mises à jour sur %n appareil sélectionné.</numerusform>
            <numerusform>Déployer des mises à jour sur les %n appareils sélectionnés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deploy updates to the %n devices shown; select devices to deploy to only those.</source>
        <translation>
            <numerusform>Déployer des mises à jour sur %n appareil affiché ; sélectionnez des appareils pour ne déployer que sur ceux-ci.</numerusform>
            <numerusform>Déployer des mises à jour sur les %n appareils affichés ; sélectionnez des appareils pour ne déployer que sur ceux-ci.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n devices shown, in %2</source>
        <translation>
            <numerusform>%1 sur %n appareil affiché, dans %2</numerusform>
            <numerusform>%1 sur %n appareils affichés, dans %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No device is in %1.</source>
        <translation>Aucun appareil dans %1.</translation>
    </message>
</context>
<context>
    <name>steward::app::DiskModel</name>
    <message>
        <source>Disk</source>
        <translation>Disque</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Removable</source>
        <translation>Amovible</translation>
    </message>
    <message>
        <source>Hard disk</source>
        <translation>Disque dur</translation>
    </message>
    <message>
        <source>Solid state</source>
        <translation>SSD</translation>
    </message>
</context>
<context>
    <name>steward::app::FilesystemModel</name>
    <message>
        <source>Mount point</source>
        <translation>Point de montage</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Libre</translation>
    </message>
    <message>
        <source>Free %</source>
        <translation>% libre</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>steward::app::FormDialog</name>
    <message>
        <source>A user with this name already exists.</source>
        <translation>Un utilisateur portant ce nom existe déjà.</translation>
    </message>
    <message>
        <source>You cannot disable yourself.</source>
        <translation>Vous ne pouvez pas vous désactiver vous-même.</translation>
    </message>
    <message>
        <source>There is no such user (any more).</source>
        <translation>Cet utilisateur n&apos;existe pas (ou plus).</translation>
    </message>
    <message>
        <source>There is no such API token (any more).</source>
        <translation>Ce jeton d&apos;API n&apos;existe pas (ou plus).</translation>
    </message>
    <message>
        <source>The password is too weak: %1</source>
        <translation>Le mot de passe est trop faible : %1</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>Le serveur a refusé : %1</translation>
    </message>
</context>
<context>
    <name>steward::app::LoggedInUserModel</name>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>cet ordinateur</translation>
    </message>
</context>
<context>
    <name>steward::app::LoginDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Connect to Steward server</source>
        <translation>Connexion au serveur Steward</translation>
    </message>
    <message>
        <source>https://server:8731</source>
        <translation>https://serveur:8731</translation>
    </message>
    <message>
        <source>Site CA certificate (ca.pem)</source>
        <translation>Certificat de l&apos;AC du site (ca.pem)</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source>&amp;CA certificate:</source>
        <translation>&amp;Certificat de l&apos;AC :</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>Saisissez l&apos;adresse du serveur.</translation>
    </message>
    <message>
        <source>The server address must look like https://server:8731.</source>
        <translation>L&apos;adresse du serveur doit être de la forme https://serveur:8731.</translation>
    </message>
    <message>
        <source>Choose the site CA certificate (ca.pem).</source>
        <translation>Choisissez le certificat de l&apos;AC du site (ca.pem).</translation>
    </message>
    <message>
        <source>The CA certificate file %1 does not exist.</source>
        <translation>Le fichier de certificat de l&apos;AC %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Saisissez votre nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation>Échec de la connexion : %1</translation>
    </message>
    <message>
        <source>Site CA certificate</source>
        <translation>Certificat de l&apos;AC du site</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>Certificats PEM (*.pem *.crt);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>steward::app::MainWindow</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Steward console</source>
        <translation>Console Steward</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d&apos;outils principale</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>The server ended your session: it expired or was closed by an administrator. Log in again to continue.</source>
        <translation>Le serveur a mis fin à votre session : elle a expiré ou a été fermée par un administrateur. Reconnectez-vous pour continuer.</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>Go to the &amp;navigation pane</source>
        <translation>Aller au volet de &amp;navigation</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>&amp;About Steward console</source>
        <translation>À &amp;propos de la console Steward</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Your session expired at %1. Log in again to continue.</source>
        <translation>Votre session a expiré le %1. Reconnectez-vous pour continuer.</translation>
    </message>
    <message>
        <source>You are logged out.</source>
        <translation>Vous êtes déconnecté.</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>%1 (%2) on %3</source>
        <translation>%1 (%2) sur %3</translation>
    </message>
    <message>
        <source>%1 — session until %2</source>
        <translation>%1 — session jusqu&apos;au %2</translation>
    </message>
    <message>
        <source>About Steward console</source>
        <translation>À propos de la console Steward</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Steward console %1&lt;/h3&gt;&lt;p&gt;Endpoint and asset management for government IT: devices, compliance, patch and antivirus status.&lt;/p&gt;&lt;p&gt;Connected to %2 as %3.&lt;/p&gt;&lt;p&gt;Built with Qt %4. Licensed under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Console Steward %1&lt;/h3&gt;&lt;p&gt;Gestion des postes et du parc informatique de l&apos;administration : appareils, conformité, état des mises à jour et de l&apos;antivirus.&lt;/p&gt;&lt;p&gt;Connecté à %2 en tant que %3.&lt;/p&gt;&lt;p&gt;Compilé avec Qt %4. Distribué sous la licence GNU General Public License, version 3 ou ultérieure.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>no server</source>
        <translation>aucun serveur</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>personne</translation>
    </message>
    <message>
        <source>Window and column layout restored to the defaults.</source>
        <translation>Disposition par défaut de la fenêtre et des colonnes rétablie.</translation>
    </message>
    <message>
        <source>Could not refresh from the server: %1. What is shown was loaded %2 (%3) and may be out of date.</source>
        <translation>Impossible d&apos;actualiser depuis le serveur : %1. Ce qui est affiché a été chargé %2 (%3) et n&apos;est peut-être plus à jour.</translation>
    </message>
    <message>
        <source>Could not load from the server: %1. Nothing has been loaded yet.</source>
        <translation>Impossible de charger depuis le serveur : %1. Rien n&apos;a encore été chargé.</translation>
    </message>
</context>
<context>
    <name>steward::app::NetworkInterfaceModel</name>
    <message>
        <source>Ethernet</source>
        <translation>Ethernet</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation>Wi-Fi</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>Pont</translation>
    </message>
    <message>
        <source>Loopback</source>
        <translation>Boucle locale</translation>
    </message>
    <message>
        <source>Tunnel</source>
        <translation>Tunnel</translation>
    </message>
    <message>
        <source>Point-to-point (PPP)</source>
        <translation>Point à point (PPP)</translation>
    </message>
    <message>
        <source>InfiniBand</source>
        <translation>InfiniBand</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>En veille</translation>
    </message>
    <message>
        <source>Link up</source>
        <translation>Lien actif</translation>
    </message>
    <message>
        <source>No link</source>
        <translation>Pas de lien</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>%1 Gbit/s</source>
        <translation>%1 Gbit/s</translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>Adresse MAC</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <source>%1 (virtual)</source>
        <translation>%1 (virtuelle)</translation>
    </message>
</context>
<context>
    <name>steward::app::NewApiTokenDialog</name>
    <message>
        <source>New API token</source>
        <translation>Nouveau jeton d&apos;API</translation>
    </message>
    <message>
        <source>A token lets a script use the server as you (%1) without your password, with the role chosen here and never more than your own. Give the script the least it needs.</source>
        <translation>Un jeton permet à un script d&apos;utiliser le serveur en votre nom (%1) sans votre mot de passe, avec le rôle choisi ici et jamais plus que le vôtre. Ne donnez au script que le strict nécessaire.</translation>
    </message>
    <message>
        <source>Create token</source>
        <translation>Créer le jeton</translation>
    </message>
    <message>
        <source>What it is for, e.g. nightly inventory export</source>
        <translation>À quoi il sert, p. ex. export nocturne de l&apos;inventaire</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Valid for (days):</source>
        <translation>&amp;Validité (jours) :</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <source>Enter what the token is for.</source>
        <translation>Indiquez à quoi sert le jeton.</translation>
    </message>
</context>
<context>
    <name>steward::app::NewUserDialog</name>
    <message>
        <source>New user</source>
        <translation>Nouvel utilisateur</translation>
    </message>
    <message>
        <source>Administrators manage devices, people and the audit log; help-desk staff can look at devices only.</source>
        <translation>Les administrateurs gèrent les appareils, les personnes et le journal d&apos;audit ; l&apos;assistance peut seulement consulter les appareils.</translation>
    </message>
    <message>
        <source>Create user</source>
        <translation>Créer l&apos;utilisateur</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <source>Enter the new user&apos;s name.</source>
        <translation>Saisissez le nom du nouvel utilisateur.</translation>
    </message>
    <message>
        <source>A user name starts with a letter or a digit and holds only letters, digits and . _ @ -</source>
        <translation>Un nom d&apos;utilisateur commence par une lettre ou un chiffre et ne contient que des lettres, des chiffres et . _ @ -</translation>
    </message>
</context>
<context>
    <name>steward::app::OrgUnitTreeModel</name>
    <message>
        <source>Org unit</source>
        <translation>Unité d&apos;organisation</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>Conformes</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>Tous les appareils</translation>
    </message>
    <message>
        <source>Every device of the site</source>
        <translation>Tous les appareils du site</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 devices compliant</source>
        <translation>
            <numerusform>%n appareil conforme sur %1</numerusform>
            <numerusform>%n appareils conformes sur %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No devices</source>
        <translation>Aucun appareil</translation>
    </message>
</context>
<context>
    <name>steward::app::PendingUpdateModel</name>
    <message>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installée</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Security update</source>
        <translation>Mise à jour de sécurité</translation>
    </message>
</context>
<context>
    <name>steward::app::ResetPasswordDialog</name>
    <message>
        <source>Reset password of %1</source>
        <translation>Réinitialiser le mot de passe de %1</translation>
    </message>
    <message>
        <source>This ends all of %1&apos;s login sessions at once; their API tokens keep working. Give them the new password in a way only they can read.</source>
        <translation>Toutes les sessions de %1 sont fermées immédiatement ; ses jetons d&apos;API continuent de fonctionner. Communiquez-lui le nouveau mot de passe par un moyen que personne d&apos;autre ne peut lire.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
</context>
<context>
    <name>steward::app::SettingsView</name>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Restore the default window and column layout</source>
        <translation>Rétablir la disposition par défaut de la fenêtre et des colonnes</translation>
    </message>
    <message>
        <source>Every view reloads from the server at this interval while it is shown, and when you press F5. On a slow or metered link, a longer interval costs less.</source>
        <translation>Chaque vue se recharge depuis le serveur à cet intervalle tant qu&apos;elle est affichée, ainsi que lorsque vous appuyez sur F5. Sur une liaison lente ou facturée au volume, un intervalle plus long coûte moins cher.</translation>
    </message>
    <message>
        <source>&amp;Refresh views every:</source>
        <translation>Actualiser les &amp;vues toutes les :</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
</context>
<context>
    <name>steward::app::SoftwareModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architecture</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <source>Installed on</source>
        <translation>Installé le</translation>
    </message>
</context>
<context>
    <name>steward::app::UserTableModel</name>
    <message>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Help desk</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>%1 cannot log in; their sessions and API tokens do not work.</source>
        <translation>%1 ne peut pas se connecter ; ses sessions et jetons d&apos;API ne fonctionnent pas.</translation>
    </message>
    <message>
        <source>%1 may log in.</source>
        <translation>%1 peut se connecter.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Mot de passe modifié</translation>
    </message>
</context>
<context>
    <name>steward::app::UsersView</name>
    <message>
        <source>Only the selected user&apos;s tokens</source>
        <translation>Seulement les jetons de l&apos;utilisateur sélectionné</translation>
    </message>
    <message>
        <source>&amp;New user…</source>
        <translation>&amp;Nouvel utilisateur…</translation>
    </message>
    <message>
        <source>&amp;Disable user…</source>
        <translation>&amp;Désactiver l&apos;utilisateur…</translation>
    </message>
    <message>
        <source>&amp;Enable user…</source>
        <translation>&amp;Réactiver l&apos;utilisateur…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>Réinitialiser le mot de &amp;passe…</translation>
    </message>
    <message>
        <source>New &amp;API token…</source>
        <translation>Nouveau &amp;jeton d&apos;API…</translation>
    </message>
    <message>
        <source>Re&amp;voke API token…</source>
        <translation>Ré&amp;voquer le jeton d&apos;API…</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>API tokens</source>
        <translation>Jetons d&apos;API</translation>
    </message>
    <message>
        <source>Show only the API tokens of the user selected above, or everyone&apos;s.</source>
        <translation>Afficher seulement les jetons d&apos;API de l&apos;utilisateur sélectionné ci-dessus, ou ceux de tout le monde.</translation>
    </message>
    <message>
        <source>Find people by name</source>
        <translation>Rechercher des personnes par nom</translation>
    </message>
    <message>
        <source>Loading people and API tokens…</source>
        <translation>Chargement des personnes et des jetons d&apos;API…</translation>
    </message>
    <message>
        <source>User %1 created.</source>
        <translation>Utilisateur %1 créé.</translation>
    </message>
    <message>
        <source>Disable %1?</source>
        <translation>Désactiver %1 ?</translation>
    </message>
    <message>
        <source>Enable %1?</source>
        <translation>Réactiver %1 ?</translation>
    </message>
    <message>
        <source>%1 can no longer log in. Their login sessions end at once and their API tokens stop working. Nothing is deleted: you can enable them again.</source>
        <translation>%1 ne pourra plus se connecter. Ses sessions sont fermées immédiatement et ses jetons d&apos;API cessent de fonctionner. Rien n&apos;est supprimé : vous pourrez réactiver ce compte.</translation>
    </message>
    <message>
        <source>%1 can log in again, and their API tokens that are neither revoked nor expired work again. Sessions ended by disabling stay ended.</source>
        <translation>%1 pourra de nouveau se connecter, et ses jetons d&apos;API ni révoqués ni expirés fonctionneront de nouveau. Les sessions fermées par la désactivation restent fermées.</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Désactiver l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Enable user</source>
        <translation>Réactiver l&apos;utilisateur</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Réactiver</translation>
    </message>
    <message>
        <source>Disabling %1…</source>
        <translation>Désactivation de %1…</translation>
    </message>
    <message>
        <source>Enabling %1…</source>
        <translation>Réactivation de %1…</translation>
    </message>
    <message>
        <source>Could not disable %1: %2</source>
        <translation>Impossible de désactiver %1 : %2</translation>
    </message>
    <message>
        <source>Could not enable %1: %2</source>
        <translation>Impossible de réactiver %1 : %2</translation>
    </message>
    <message>
        <source>%1 is disabled: their sessions and API tokens stopped working.</source>
        <translation>Compte %1 désactivé : ses sessions et jetons d&apos;API ne fonctionnent plus.</translation>
    </message>
    <message>
        <source>%1 is enabled again.</source>
        <translation>Compte %1 réactivé.</translation>
    </message>
    <message>
        <source>Password of %1 reset; their sessions have ended.</source>
        <translation>Mot de passe de %1 réinitialisé ; ses sessions ont été fermées.</translation>
    </message>
    <message>
        <source>API token “%1” created.</source>
        <translation>Jeton d&apos;API “%1” créé.</translation>
    </message>
    <message>
        <source>Revoke API token</source>
        <translation>Révoquer le jeton d&apos;API</translation>
    </message>
    <message>
        <source>Revoke the API token “%1” of %2?</source>
        <translation>Révoquer le jeton d&apos;API “%1” de %2 ?</translation>
    </message>
    <message>
        <source>Scripts that use it are refused from now on. This cannot be undone: they need a new token.</source>
        <translation>Les scripts qui l&apos;utilisent seront désormais refusés. C&apos;est irréversible : il leur faudra un nouveau jeton.</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>Ré&amp;voquer</translation>
    </message>
    <message>
        <source>Revoking the API token “%1”…</source>
        <translation>Révocation du jeton d&apos;API “%1”…</translation>
    </message>
    <message>
        <source>Could not revoke the API token “%1”: %2</source>
        <translation>Impossible de révoquer le jeton d&apos;API “%1” : %2</translation>
    </message>
    <message>
        <source>API token “%1” revoked.</source>
        <translation>Jeton d&apos;API “%1” révoqué.</translation>
    </message>
    <message>
        <source>You cannot disable yourself.</source>
        <translation>Vous ne pouvez pas vous désactiver vous-même.</translation>
    </message>
    <message>
        <source>Disable the selected user: their sessions and API tokens stop working.</source>
        <translation>Désactiver l&apos;utilisateur sélectionné : ses sessions et jetons d&apos;API cessent de fonctionner.</translation>
    </message>
    <message>
        <source>No users</source>
        <translation>Aucun utilisateur</translation>
    </message>
    <message>
        <source>No user&apos;s name contains “%1”.</source>
        <translation>Aucun nom d&apos;utilisateur ne contient “%1”.</translation>
    </message>
    <message>
        <source>%1 has no API tokens.</source>
        <translation>%1 n&apos;a aucun jeton d&apos;API.</translation>
    </message>
    <message>
        <source>No API tokens. A script or stewardctl can use a personal API token instead of a password: create one with New API token…</source>
        <translation>Aucun jeton d&apos;API. Un script ou stewardctl peut utiliser un jeton d&apos;API personnel au lieu d&apos;un mot de passe : créez-en un avec Nouveau jeton d&apos;API…</translation>
    </message>
</context>
</TS>
