<#
.SYNOPSIS
  Installs the EasyTask scheduler and/or agent as Windows services (run as Administrator).
.DESCRIPTION
  Each service runs as its own virtual service account (NT SERVICE\EasyTaskScheduler, NT SERVICE\EasyTaskAgent) unless
  -Credential names another account; never LocalSystem. The account is granted read and execute on its program folder
  and modify on its own data folder under C:\ProgramData\EasyTask, nothing else. Secrets (database and bus passwords)
  go into appsettings.Production.json in the program folder, readable only by that account, SYSTEM and Administrators,
  never into the service's registry environment. NOT TESTED ON WINDOWS: see the README.
.EXAMPLE
  .\install.ps1 -Database 'sqlserver:Server=sql1;Database=EasyTask;Integrated Security=true;TrustServerCertificate=true' -Bus 'amqp://easytask-scheduler:secret@mq1:5672/easytask' -SchedulerOnly
.EXAMPLE
  .\install.ps1 -Bus 'amqp://easytask-agent:secret@mq1:5672/easytask' -AgentOnly -Credential (Get-Credential 'CORP\svc-batch')
#>
param(
    [string]$SchedulerDir = 'C:\Program Files\EasyTask\scheduler',
    [string]$AgentDir = 'C:\Program Files\EasyTask\agent',
    [string]$DataRoot = 'C:\ProgramData\EasyTask',
    [string]$Database = '',
    [string]$Bus = 'inmemory',
    [string]$AgentName = $env:COMPUTERNAME,
    [pscredential]$Credential,
    [switch]$SchedulerOnly,
    [switch]$AgentOnly
)
$ErrorActionPreference = 'Stop'

function Grant([string]$Path, [string]$Account, [string]$Rights) {
    & icacls.exe $Path /grant "${Account}:(OI)(CI)$Rights" | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "icacls could not grant $Rights on $Path to $Account" }
}

# The settings file holds passwords: inheritance off, only the service account, SYSTEM and Administrators may read it.
function Write-ProtectedSettings([string]$Path, [hashtable]$Settings, [string]$Account) {
    $Settings | ConvertTo-Json -Depth 5 | Set-Content -Path $Path -Encoding UTF8
    & icacls.exe $Path /inheritance:r /grant:r "${Account}:(R)" 'NT AUTHORITY\SYSTEM:(F)' 'BUILTIN\Administrators:(F)' | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "icacls could not protect $Path" }
}

function Install-EasyTaskService([string]$Name, [string]$DisplayName, [string]$Dir, [string]$Exe, [string]$Arguments, [hashtable]$Settings, [string]$DataDir) {
    if (Get-Service -Name $Name -ErrorAction SilentlyContinue) { throw "Service $Name already exists; run remove.ps1 first." }
    $binary = Join-Path $Dir $Exe
    if (-not (Test-Path $binary)) { throw "$binary not found; publish EasyTask into $Dir first (see README)." }

    # --contentRoot: a service starts in System32; the program folder is where appsettings*.json are read from.
    $path = "`"$binary`" $Arguments --contentRoot=`"$Dir`""
    if ($Credential) {
        New-Service -Name $Name -DisplayName $DisplayName -BinaryPathName $path -StartupType Automatic -Credential $Credential | Out-Null
        $account = $Credential.UserName
    } else {
        New-Service -Name $Name -DisplayName $DisplayName -BinaryPathName $path -StartupType Automatic | Out-Null
        $account = "NT SERVICE\$Name"
        & sc.exe config $Name obj= $account | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "sc.exe could not set $Name to run as $account" }
    }

    New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
    Grant $Dir $account 'RX'
    Grant $DataDir $account 'M'
    Write-ProtectedSettings (Join-Path $Dir 'appsettings.Production.json') $Settings $account
    # Restart on failure, like Restart=on-failure under systemd.
    & sc.exe failure $Name reset= 86400 actions= restart/5000/restart/5000/restart/30000 | Out-Null
    Write-Host "Installed $Name ($binary) as $account; settings in $(Join-Path $Dir 'appsettings.Production.json'), data in $DataDir"
}

New-Item -ItemType Directory -Force -Path $DataRoot | Out-Null
if (-not $AgentOnly) {
    $data = Join-Path $DataRoot 'scheduler'
    $db = if ($Database) { $Database } else { "sqlite:$(Join-Path $data 'easytask.db')" }
    Install-EasyTaskService 'EasyTaskScheduler' 'EasyTask scheduler' $SchedulerDir 'easytask.exe' 'serve' `
        @{ EasyTask = @{ Database = $db; Bus = $Bus } } $data
}
if (-not $SchedulerOnly) {
    $data = Join-Path $DataRoot 'agent'
    Install-EasyTaskService 'EasyTaskAgent' 'EasyTask agent' $AgentDir 'easytask-agent.exe' '' `
        @{ EasyTask = @{ Bus = $Bus; Agent = @{ Name = $AgentName; LogDirectory = (Join-Path $data 'logs'); JournalDirectory = (Join-Path $data 'journal') } } } $data
}
