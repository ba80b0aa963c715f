<#
.SYNOPSIS
  Installs the EasyTask scheduler and agent as Windows services (run as Administrator).
.EXAMPLE
  .\install.ps1 -InstallDir 'C:\Program Files\EasyTask' -Database 'sqlserver:Server=sql1;Database=EasyTask;Integrated Security=true;TrustServerCertificate=true' -Bus 'amqp://easytask:secret@mq1:5672/easytask'
#>
param(
    [string]$InstallDir = 'C:\Program Files\EasyTask',
    [string]$Database = 'sqlite:C:\ProgramData\EasyTask\easytask.db',
    [string]$Bus = 'inmemory',
    [string]$AgentName = $env:COMPUTERNAME,
    [switch]$SchedulerOnly,
    [switch]$AgentOnly
)
$ErrorActionPreference = 'Stop'

function Install-EasyTaskService([string]$Name, [string]$DisplayName, [string]$Exe, [string]$Arguments, [hashtable]$Environment) {
    if (Get-Service -Name $Name -ErrorAction SilentlyContinue) { throw "Service $Name already exists; run remove.ps1 first." }
    $binary = Join-Path $InstallDir $Exe
    if (-not (Test-Path $binary)) { throw "$binary not found; publish EasyTask into $InstallDir first (see README)." }
    New-Service -Name $Name -DisplayName $DisplayName -BinaryPathName "`"$binary`" $Arguments" -StartupType Automatic | Out-Null
    # Service-specific environment (REG_MULTI_SZ "Environment"), the Windows counterpart of an EnvironmentFile.
    $lines = $Environment.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }
    New-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$Name" -Name Environment -PropertyType MultiString -Value $lines -Force | Out-Null
    # Restart on failure, like Restart=on-failure under systemd.
    sc.exe failure $Name reset= 86400 actions= restart/5000/restart/5000/restart/30000 | Out-Null
    Write-Host "Installed $Name ($binary)"
}

New-Item -ItemType Directory -Force -Path 'C:\ProgramData\EasyTask' | Out-Null
if (-not $AgentOnly) {
    Install-EasyTaskService 'EasyTaskScheduler' 'EasyTask scheduler' 'easytask.exe' 'serve' @{ EASYTASK_DB = $Database; EASYTASK_BUS = $Bus }
}
if (-not $SchedulerOnly) {
    Install-EasyTaskService 'EasyTaskAgent' 'EasyTask agent' 'easytask-agent.exe' '' @{ EASYTASK_BUS = $Bus; EASYTASK_AGENT_NAME = $AgentName; EASYTASK_AGENT_LOGS = 'C:\ProgramData\EasyTask\agent-logs' }
}
