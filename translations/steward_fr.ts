<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
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
        <source>%1 min ago</source>
        <translation>il y a %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>il y a %1 h</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>il y a %1 j</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>today</source>
        <translation>aujourd&apos;hui</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 j</translation>
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
        <source>unknown</source>
        <translation>inconnu</translation>
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
    <name>steward::app::DeviceDetailWidget</name>
    <message>
        <source>← All devices</source>
        <translation>← Tous les appareils</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Hostname:</source>
        <translation>Nom d&apos;hôte :</translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation>Système d&apos;exploitation :</translation>
    </message>
    <message>
        <source>Hardware:</source>
        <translation>Matériel :</translation>
    </message>
    <message>
        <source>Last seen:</source>
        <translation>Dernier contact :</translation>
    </message>
    <message>
        <source>Enrolled:</source>
        <translation>Inscrit le :</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Conformité</translation>
    </message>
    <message>
        <source>Pending updates</source>
        <translation>Mises à jour en attente</translation>
    </message>
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
        <source>Antivirus</source>
        <translation>Antivirus</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Definitions version</source>
        <translation>Version des définitions</translation>
    </message>
    <message>
        <source>Definitions age</source>
        <translation>Âge des définitions</translation>
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
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>%1 (kernel %2, %3)</source>
        <translation>%1 (noyau %2, %3)</translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation>n° de série %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n core(s)</source>
        <translation>
            <numerusform>%1, %n cœur</numerusform>
            <numerusform>%1, %n cœurs</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 memory</source>
        <translation>%1 de mémoire</translation>
    </message>
    <message>
        <source>%1 — revoked</source>
        <translation>%1 — révoqué</translation>
    </message>
    <message>
        <source>Not evaluated yet.</source>
        <translation>Pas encore évalué.</translation>
    </message>
    <message>
        <source>Compliant.</source>
        <translation>Conforme.</translation>
    </message>
    <message numerus="yes">
        <source>Not compliant, for %n reason(s):</source>
        <translation>
            <numerusform>Non conforme, pour %n raison :</numerusform>
            <numerusform>Non conforme, pour %n raisons :</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluated %1.</source>
        <translation>Évalué %1.</translation>
    </message>
    <message>
        <source>The device has not reported its updates.</source>
        <translation>L&apos;appareil n&apos;a pas signalé ses mises à jour.</translation>
    </message>
    <message numerus="yes">
        <source>%n update(s) pending</source>
        <translation>
            <numerusform>%n mise à jour en attente</numerusform>
            <numerusform>%n mises à jour en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n security update(s)</source>
        <translation>
            <numerusform>%n mise à jour de sécurité</numerusform>
            <numerusform>%n mises à jour de sécurité</numerusform>
        </translation>
    </message>
    <message>
        <source>The device has not reported its antivirus status.</source>
        <translation>L&apos;appareil n&apos;a pas signalé l&apos;état de son antivirus.</translation>
    </message>
    <message>
        <source>No antivirus product was found.</source>
        <translation>Aucun antivirus n&apos;a été trouvé.</translation>
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
        <translation>En marche</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
</context>
<context>
    <name>steward::app::DeviceTableModel</name>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
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
        <source>Filter devices (hostname, OS, antivirus…)</source>
        <translation>Filtrer les appareils (nom d&apos;hôte, système, antivirus…)</translation>
    </message>
    <message>
        <source>&amp;All devices</source>
        <translation>&amp;Tous les appareils</translation>
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
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>The server ended the session; please log in again.</source>
        <translation>Le serveur a mis fin à la session ; veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Actualisation…</translation>
    </message>
    <message>
        <source>Could not load devices: %1</source>
        <translation>Impossible de charger les appareils : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s), updated %1</source>
        <translation>
            <numerusform>%n appareil, actualisé à %1</numerusform>
            <numerusform>%n appareils, actualisés à %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading device…</source>
        <translation>Chargement de l&apos;appareil…</translation>
    </message>
    <message>
        <source>Could not load the device: %1</source>
        <translation>Impossible de charger l&apos;appareil : %1</translation>
    </message>
</context>
</TS>
